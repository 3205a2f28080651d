#!/usr/bin/perl
# make_formulas.pl: writes two 2019-format reports for the tests of
# ogi convert (tests/e2e/test_convert.py). Run from the repository root:
#     perl tests/data/make_formulas.pl
# - formulas-2019.xls: the totals are formulas (=SUM(...), =A1+B1,
#   constants in parentheses) as clerks write them, plus one reference to
#   another sheet that ogi does not decode; the marked-up workbook must
#   hold the same formulas with their cached results.
# - names-2019.xls: the same tables on a sheet called 审核结果, beside
#   sheets called 规范-表三 and Tom's notes: the names ogi's own sheets
#   would take, and a quote that references must double.
use strict;
use warnings;
use utf8;
use Spreadsheet::WriteExcel;

my $dir = $ARGV[0] // 'tests/data';
my ($wb, $ws, $notes, $head, $num, $mhead, $r);
report('formulas-2019.xls', '统计表', '说明');
report('names-2019.xls', '审核结果', "Tom's notes", '规范-表三');

sub report {
    my ($file, $main, $other, $first) = @_;
    $wb = Spreadsheet::WriteExcel->new("$dir/$file") or die "$dir/$file: $!";
    if ($first) {
        my $ws0 = $wb->add_worksheet($first);
        $ws0->write_string(0, 0, '本表为报送单位自己的附表');
        # control characters, which XML cannot hold as they are
        $ws0->write_string(1, 0, "备注\x01\x1F控制字符");
        # a number that is not one (NaN): XML has no literal for it
        $ws0->write_number(2, 0, 9**9**9 / 9**9**9);
    }
    $ws = $wb->add_worksheet($main);
    $notes = $wb->add_worksheet($other);
    $head = $wb->add_format(bold => 1, border => 1, align => 'center', text_wrap => 1);
    $num = $wb->add_format(border => 1, align => 'center');
    $mhead = $wb->add_format(bold => 1, border => 1, align => 'center', valign => 'vcenter', text_wrap => 1);
    tables();
    $wb->close;
}

sub col { my ($c) = @_; return chr(ord('A') + $c); }
sub a1 { my ($r, $c) = @_; return col($c) . ($r + 1); }

# =Sheet!B1 as a formula; WriteExcel cannot parse a name with a quote, so
# that one is a plain number
sub other_sheet_b1 {
    my ($name, $value) = @_;
    return $value if $name =~ /'/;
    return ["=$name!B1", $value] if $name =~ /^\w+$/;
    return ["='$name'!B1", $value];
}

sub tables {
$notes->write_string(0, 0, '上一年收费项目数量');
$notes->write_number(0, 1, 4);

$ws->write_string(0, 0, '某市某局2019年政府信息公开工作年度报告统计表');
$ws->write_string(1, 0, '填报单位：某市某局');

# 表二, 2019: (一) total = made + published formula; (九) amount = constant sum
$r = 3;
sub block2 {
    my ($title, $cols, $rows) = @_;
    $ws->merge_range($r, 0, $r, scalar @$cols, $title, $mhead);
    $r++;
    $ws->write_string($r, 0, '信息内容', $head);
    $ws->write_string($r, 1 + $_, $cols->[$_], $head) for 0 .. $#$cols;
    $r++;
    for my $row (@$rows) {
        $ws->write_string($r, 0, $row->[0], $num);
        for my $i (1 .. $#$row) {
            my $v = $row->[$i];
            if (ref $v) { $ws->write_formula($r, $i, $v->[0], $num, $v->[1]); }
            else { $ws->write_number($r, $i, $v, $num); }
        }
        $r++;
    }
}
block2('第二十条第（一）项', ['本年新制作数量', '本年新公开数量', '对外公开总数量'],
    [['规章', 1, 1, ['=B6+C6+3', 5]], ['规范性文件', 4, 4, ['=(B7+C7)*2-1', 15]]]);
block2('第二十条第（五）项', ['上一年项目数量', '本年增/减', '处理决定数量'],
    [['行政许可', 12, 0, 30], ['其他对外管理服务事项', 3, 1, 2]]);
block2('第二十条第（六）项', ['上一年项目数量', '本年增/减', '处理决定数量'],
    [['行政处罚', 5, 0, 7], ['行政强制', 1, 0, 0]]);
block2('第二十条第（八）项', ['上一年项目数量', '本年增/减'],
    [['行政事业性收费', other_sheet_b1($notes->get_name(), 4), 0]]);
block2('第二十条第（九）项', ['采购项目数量', '采购总金额'],
    [['政府集中采购', 2, ['=100.5+20.25', 120.75]]]);

# 表三: labels in column A, data in B..H; 总计 (H) = SUM of the row, the
# results total = SUM of the result rows. item 1 + item 2 (10 + 1) differs
# from item 3 + item 4 (9 + 1): one deliberate balance error per column
# A and H.
$r++;
$ws->write_string($r, 0, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', $head);
$ws->merge_range($r, 1, $r, 7, '申请人情况', $mhead);
$ws->merge_range($r + 1, 1, $r + 2, 1, '自然人', $mhead);
$ws->merge_range($r + 1, 2, $r + 1, 6, '法人或其他组织', $mhead);
$ws->merge_range($r + 1, 7, $r + 2, 7, '总计', $mhead);
$ws->write_string($r + 2, 2 + $_, (qw(商业企业 科研机构 社会公益组织 法律服务机构 其他))[$_], $head) for 0 .. 4;
$r += 3;
my @rows = (
    ['一、本年新收政府信息公开申请数量', 10], ['二、上年结转政府信息公开申请数量', 1],
    ['（一）予以公开', 5], ['（二）部分公开', 1],
    map({ [$_, 0] } qw(1.属于国家秘密 2.其他法律行政法规禁止公开 3.危及“三安全一稳定” 4.保护第三方合法权益
        5.属于三类内部事务信息 6.属于四类过程性信息 7.属于行政执法案卷 8.属于行政查询事项)),
    ['1.本机关不掌握相关政府信息', 2], ['2.没有现成信息需要另行制作', 0], ['3.补正后申请内容仍不明确', 0],
    map({ [$_, 0] } qw(1.信访举报投诉类申请 2.重复申请 3.要求提供公开出版物 4.无正当理由大量反复申请
        5.要求行政机关确认或重新出具已获取信息)),
    ['（六）其他处理', 1], ['（七）总计', undef], ['四、结转下年度继续办理', 1],
);
my $first = $r + 2;
my $last = $r + $#rows - 2;
for my $i (0 .. $#rows) {
    my ($label, $person) = @{ $rows[$i] };
    $ws->write_string($r, 0, $label, $num);
    if (defined $person) {
        $ws->write_number($r, 1, $person, $num);
        $ws->write_number($r, 1 + $_, 0, $num) for 1 .. 5;
        $ws->write_formula($r, 7, '=SUM(' . a1($r, 1) . ':' . a1($r, 6) . ')', $num, $person);
    } else {    # the results total: SUM down each column
        my $sum = 0;
        $sum += $rows[$_][1] // 0 for 2 .. $#rows - 2;
        for my $c (1 .. 7) {
            $ws->write_formula($r, $c, '=SUM(' . a1($first, $c) . ':' . a1($last, $c) . ')', $num,
                $c == 1 || $c == 7 ? $sum : 0);
        }
    }
    $r++;
}

# 表四: each total = the four results added one by one
$r++;
$ws->merge_range($r, 0, $r, 4, '行政复议', $mhead);
$ws->merge_range($r, 5, $r, 14, '行政诉讼', $mhead);
$ws->merge_range($r + 1, $_, $r + 2, $_, (qw(结果维持 结果纠正 其他结果 尚未审结 总计))[$_], $mhead) for 0 .. 4;
$ws->merge_range($r + 1, 5, $r + 1, 9, '未经复议直接起诉', $mhead);
$ws->merge_range($r + 1, 10, $r + 1, 14, '复议后起诉', $mhead);
$ws->write_string($r + 2, 5 + $_, (qw(结果维持 结果纠正 其他结果 尚未审结 总计))[$_ % 5], $head) for 0 .. 9;
$r += 3;
my @t4 = (1, 0, 1, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0);
for my $g (0 .. 2) {
    my $sum = 0;
    for my $k (0 .. 3) {
        my $v = $t4[$g * 4 + $k] // 0;
        $sum += $v;
        $ws->write_number($r, $g * 5 + $k, $v, $num);
    }
    my $f = '=' . join('+', map { a1($r, $g * 5 + $_) } 0 .. 3);
    $ws->write_formula($r, $g * 5 + 4, $f, $num, $sum);
}
}
