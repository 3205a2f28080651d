#!/usr/bin/perl
# make_perl.pl xls|xlsx OUTDIR: workbooks written by Perl, run from the
# repository root (tests/formats/make_formats.sh runs it).
#   xlsx: every sample of samples/make_samples.pl written as Excel writes
#         .xlsx (Excel::Writer::XLSX: shared strings, merges, styles), and
#         formula-totals.xlsx;
#   xls:  formula-totals.xls only (Spreadsheet::WriteExcel).
# formula-totals is the 2021-format synthetic sample with every 总计 a
# formula holding its cached result, and one label written as rich text
# (runs in two fonts) where the writer can.
use strict;
use warnings;
use utf8;
use File::Temp qw(tempdir);
use File::Copy qw(move);

my ($mode, $out) = @ARGV;
die "usage: make_perl.pl xls|xlsx OUTDIR\n" unless $mode && $out && $mode =~ /^xlsx?$/;

# The workbook make_samples.pl's book() opened last (its own is lexical).
my $wb;
{
    no strict 'refs';
    no warnings 'redefine';
    my $new;
    if ($mode eq 'xlsx') {
        # make_samples.pl says Spreadsheet::WriteExcel; Excel::Writer::XLSX
        # has the same interface, so it stands in for it unchanged.
        require Excel::Writer::XLSX;
        $INC{'Spreadsheet/WriteExcel.pm'} = __FILE__;
        @{'Spreadsheet::WriteExcel::ISA'} = ('Excel::Writer::XLSX');
        $new = \&Excel::Writer::XLSX::new;
    } else {
        require Spreadsheet::WriteExcel;
        $new = \&Spreadsheet::WriteExcel::new;
    }
    *{'Spreadsheet::WriteExcel::new'} = sub { $wb = $new->(@_); return $wb; };
}

my $tmp = tempdir(CLEANUP => 1);
{
    local @ARGV = ($tmp);
    my $rc = do './samples/make_samples.pl';
    die "make_samples.pl: $@" if $@;
}
# 表三 row labels of the 2021 format (as make_samples.pl has them)
my @T3_2021 = (
    ['一、本年新收政府信息公开申请数量'], ['二、上年结转政府信息公开申请数量'],
    ['三、本年度办理结果', '（一）予以公开'],
    ['', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
    ['', '（三）不予公开', '1.属于国家秘密'], ['', '', '2.其他法律行政法规禁止公开'],
    ['', '', '3.危及“三安全一稳定”'], ['', '', '4.保护第三方合法权益'],
    ['', '', '5.属于三类内部事务信息'], ['', '', '6.属于四类过程性信息'],
    ['', '', '7.属于行政执法案卷'], ['', '', '8.属于行政查询事项'],
    ['', '（四）无法提供', '1.本机关不掌握相关政府信息'], ['', '', '2.没有现成信息需要另行制作'],
    ['', '', '3.补正后申请内容仍不明确'],
    ['', '（五）不予处理', '1.信访举报投诉类申请'], ['', '', '2.重复申请'],
    ['', '', '3.要求提供公开出版物'], ['', '', '4.无正当理由大量反复申请'],
    ['', '', '5.要求行政机关确认或重新出具已获取信息'],
    ['', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['', '', '3.其他'], ['', '（七）总计'], ['四、结转下年度继续办理'],
);

# ---- formula-totals: synthetic 2021 with formula totals ----------------
sub col { my ($c) = @_; my $s = ''; $c++; while ($c) { $c--; $s = chr(65 + $c % 26) . $s; $c = int($c / 26); } $s }

sub formula_totals {
    main::book('formula-totals.xls');
    my $ws = $wb->add_worksheet('统计表');
    main::widths($ws);
    my $head = $wb->add_format(bold => 1, border => 1, align => 'center', valign => 'vcenter');
    $ws->write_string(0, 0, '2022年政府信息公开工作年度报告统计表', $wb->add_format(bold => 1, size => 14));
    $ws->write_string(1, 0, '填报单位：某市某某局');
    my $r = main::table2($ws, 3, 0,
        ['第二十条第（一）项', ['本年制发件数', '本年废止件数', '现行有效件数'], [['规章', 0, 0, 3], ['行政规范性文件', 5, 2, 41]]],
        ['第二十条第（五）项', ['本年处理决定数量'], [['行政许可', 1520]]],
        ['第二十条第（六）项', ['本年处理决定数量'], [['行政处罚', 36], ['行政强制', 4]]],
        ['第二十条第（八）项', ['本年收费金额（单位：万元）'], [['行政事业性收费', 12.5]]]);
    my @d = ([38, 2, 0, 0, 0, 0], [3, 0, 0, 0, 0, 0], [20, 1, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0],
        ([0, 0, 0, 0, 0, 0]) x 3, [1, 0, 0, 0, 0, 0], ([0, 0, 0, 0, 0, 0]) x 4,
        [8, 1, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0],
        ([0, 0, 0, 0, 0, 0]) x 4, [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0],
        [37, 2, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0]);
    my $top = $r + 1 + 3;    # first data row of 表三 (0-based)
    my $res_first = $top + 2;
    my $res_last = $top + 2 + 20;    # r.granted .. r.other.other
    my $tot = $res_last + 1;         # （七）总计
    # the 总计 row: each column the formula sum of the result rows
    for my $k (0 .. 5) {    # with its cached result
        my ($c, $sum) = (col(3 + $k), 0);
        $sum += $d[$_ - $top][$k] for $res_first .. $res_last;
        $d[$tot - $top][$k] = ["=SUM($c" . ($res_first + 1) . ":$c" . ($res_last + 1) . ')', $sum];
    }
    for my $i (0 .. $#d) {  # the 总计 column: a formula sum of the row
        my $n = $top + $i + 1;
        my $sum = 0;
        $sum += ref $_ ? $_->[1] : $_ for @{ $d[$i] };
        push @{ $d[$i] }, ['=SUM(D' . $n . ':I' . $n . ')', $sum];
    }
    $r = main::table3($ws, $r + 1, 0, labels => \@T3_2021, data => \@d, merged => 1);
    if ($wb->can('write_rich_string')) {    # 行政复议 in two runs
        my $bold = $wb->add_format(bold => 1, color => 'red');
        $ws->write_rich_string($r + 2, 0, $bold, '行政', '复议', $head);
    }
    # 表四 with its totals as formulas: review 2+0+1+0 = 3, etc.
    my @v = (2, 0, 1, 0, undef, 1, 0, 0, 1, undef, 1, 0, 0, 1, undef);
    for my $g (0 .. 2) {
        my ($a, $b) = (col(5 * $g), col(5 * $g + 3));
        my $sum = 0;
        $sum += $v[5 * $g + $_] for 0 .. 3;
        $v[5 * $g + 4] = ["=SUM($a" . ($r + 5) . ":$b" . ($r + 5) . ')', $sum];
    }
    main::table4($ws, $r + 1, 0, \@v, merged => 1);
    $wb->close;
}

formula_totals();

my $ext = $mode;
mkdir $out unless -d $out;
opendir(my $dh, $tmp) or die;
for my $f (sort grep { /\.xls$/ } readdir $dh) {
    next if $mode eq 'xls' && $f ne 'formula-totals.xls';
    (my $name = $f) =~ s/\.xls$/.$ext/;
    move("$tmp/$f", "$out/$name") or die "$out/$name: $!";
}
