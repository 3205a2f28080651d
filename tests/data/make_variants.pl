#!/usr/bin/perl
# make_variants.pl: writes the workbooks of tests/data/ that the mapper must
# handle beyond the samples (tests/e2e/test_variants.py checks them), and
# tests/data/variants.tsv: for every statutory cell the generator placed,
# where it put it and the value ogi must read there.
#
# Run from the repository root: perl tests/data/make_variants.pl
# Then tests/data/make_lo_variants.sh saves some of them with LibreOffice.
#
# The data are the 天津 2019 figures (seed 004, every sum holds) and, for the
# 2021 format, a made-up report whose sums hold; a variant changes one thing
# about the layout or the writing, so that its findings are known.
use strict;
use warnings;
use utf8;
use Spreadsheet::WriteExcel;

my $dir = $ARGV[0] // 'tests/data';
my $src = $ARGV[1] // "$dir/lo-src"; # sources for LibreOffice to save

# ---- the statutory structure, with the generator's own ids -------------
my @T2_2019 = (
    ['第二十条第（一）项', [[made => '本年新制作数量'], [published => '本年新公开数量'], [total => '对外公开总数量']],
     [[rules => '规章'], [normative => '规范性文件']]],
    ['第二十条第（五）项', [[prev => '上一年项目数量'], [change => '本年增/减'], [decisions => '处理决定数量']],
     [[license => '行政许可'], [other_services => '其他对外管理服务事项']]],
    ['第二十条第（六）项', [[prev => '上一年项目数量'], [change => '本年增/减'], [decisions => '处理决定数量']],
     [[penalty => '行政处罚'], [enforcement => '行政强制']]],
    ['第二十条第（八）项', [[prev => '上一年项目数量'], [change => '本年增/减']], [[fees => '行政事业性收费']]],
    ['第二十条第（九）项', [[items => '采购项目数量'], [amount => '采购总金额（万元）']], [[procurement => '政府集中采购']]],
);
my @T2_2021 = (
    ['第二十条第（一）项', [[issued => '本年制发件数'], [repealed => '本年废止件数'], [in_force => '现行有效件数']],
     [[rules => '规章'], [normative => '行政规范性文件']]],
    ['第二十条第（五）项', [[decisions => '本年处理决定数量']], [[license => '行政许可']]],
    ['第二十条第（六）项', [[decisions => '本年处理决定数量']], [[penalty => '行政处罚'], [enforcement => '行政强制']]],
    ['第二十条第（八）项', [[amount => '本年收费金额（单位：万元）']], [[fees => '行政事业性收费']]],
);

my @T3_COLS = ([person => '自然人'], [business => '商业企业'], [research => '科研机构'],
    [ngo => '社会公益组织'], [legal => '法律服务机构'], [other_org => '其他'], [total => '总计']);

# [id, [level-1, level-2, level-3]] as the official form has them
my @T3_2019 = (
    ['new', ['一、本年新收政府信息公开申请数量']],
    ['carried', ['二、上年结转政府信息公开申请数量']],
    ['r.granted', ['三、本年度办理结果', '（一）予以公开']],
    ['r.partial', ['', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）']],
    ['r.denied.secret', ['', '（三）不予公开', '1.属于国家秘密']],
    ['r.denied.law', ['', '', '2.其他法律行政法规禁止公开']],
    ['r.denied.safety', ['', '', '3.危及“三安全一稳定”']],
    ['r.denied.third_party', ['', '', '4.保护第三方合法权益']],
    ['r.denied.internal', ['', '', '5.属于三类内部事务信息']],
    ['r.denied.process', ['', '', '6.属于四类过程性信息']],
    ['r.denied.enforcement', ['', '', '7.属于行政执法案卷']],
    ['r.denied.query', ['', '', '8.属于行政查询事项']],
    ['r.unable.not_held', ['', '（四）无法提供', '1.本机关不掌握相关政府信息']],
    ['r.unable.need_create', ['', '', '2.没有现成信息需要另行制作']],
    ['r.unable.unclear', ['', '', '3.补正后申请内容仍不明确']],
    ['r.refused.petition', ['', '（五）不予处理', '1.信访举报投诉类申请']],
    ['r.refused.repeat', ['', '', '2.重复申请']],
    ['r.refused.publication', ['', '', '3.要求提供公开出版物']],
    ['r.refused.mass', ['', '', '4.无正当理由大量反复申请']],
    ['r.refused.confirm', ['', '', '5.要求行政机关确认或重新出具已获取信息']],
    ['r.other', ['', '（六）其他处理']],
    ['r.total', ['', '（七）总计']],
    ['carry_over', ['四、结转下年度继续办理']],
);
my @T3_2021 = (@T3_2019[0 .. 19],
    ['r.other.no_correction', ['', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请']],
    ['r.other.no_fee', ['', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请']],
    ['r.other.other', ['', '', '3.其他']],
    @T3_2019[21 .. 22]);

my @T4_GROUPS = ([review => '行政复议'], [suit_direct => '未经复议直接起诉'], [suit_after_review => '复议后起诉']);
my @T4_COLS = ([upheld => '结果维持'], [corrected => '结果纠正'], [other => '其他结果'], [pending => '尚未审结'], [total => '总计']);

# ---- the data -----------------------------------------------------------
sub t3_values {
    my ($rows, @data) = @_;
    my %v;
    for my $i (0 .. $#$rows) {
        my $id = $rows->[$i][0];
        $v{"t3.$id.$T3_COLS[$_][0]"} = $data[$i][$_] for 0 .. 6;
    }
    return %v;
}

sub t4_values {
    my (@n) = @_;
    my %v;
    for my $g (0 .. 2) { $v{"t4.$T4_GROUPS[$g][0].$T4_COLS[$_][0]"} = $n[$g * 5 + $_] for 0 .. 4; }
    return %v;
}

my $Z = [0, 0, 0, 0, 0, 0, 0];
my %BASE_2019 = (
    't2.rules.made' => 0, 't2.rules.published' => 0, 't2.rules.total' => 0,
    't2.normative.made' => 4, 't2.normative.published' => 4, 't2.normative.total' => 94,
    't2.license.prev' => 4, 't2.license.change' => -2, 't2.license.decisions' => 1835,
    't2.other_services.prev' => 79, 't2.other_services.change' => 23, 't2.other_services.decisions' => 9273,
    't2.penalty.prev' => 54, 't2.penalty.change' => 1, 't2.penalty.decisions' => 1,
    't2.enforcement.prev' => 2, 't2.enforcement.change' => 0, 't2.enforcement.decisions' => 235,
    't2.fees.prev' => 4, 't2.fees.change' => 0,
    't2.procurement.items' => 52, 't2.procurement.amount' => 4389.64,
    t3_values(\@T3_2019, [220, 4, 0, 0, 0, 0, 224], [18, 1, 0, 0, 0, 0, 19], [130, 3, 0, 0, 0, 0, 133],
        [14, 0, 0, 0, 0, 0, 14], $Z, $Z, $Z, [5, 0, 0, 0, 0, 0, 5], $Z, $Z, $Z, $Z,
        [60, 0, 0, 0, 0, 0, 60], [2, 0, 0, 0, 0, 0, 2], [15, 1, 0, 0, 0, 0, 16],
        [4, 1, 0, 0, 0, 0, 5], [4, 0, 0, 0, 0, 0, 4], $Z, $Z, $Z, $Z,
        [234, 5, 0, 0, 0, 0, 239], [4, 0, 0, 0, 0, 0, 4]),
    t4_values(5, 0, 0, 1, 6, 3, 0, 0, 0, 3, 7, 0, 0, 2, 9),
);
my %BASE_2021 = (
    't2.rules.issued' => 0, 't2.rules.repealed' => 0, 't2.rules.in_force' => 3,
    't2.normative.issued' => 5, 't2.normative.repealed' => 2, 't2.normative.in_force' => 41,
    't2.license.decisions' => 1520, 't2.penalty.decisions' => 36, 't2.enforcement.decisions' => 4,
    't2.fees.amount' => 12.5,
    t3_values(\@T3_2021, [38, 2, 0, 0, 0, 0, 40], [3, 0, 0, 0, 0, 0, 3], [20, 1, 0, 0, 0, 0, 21],
        [2, 0, 0, 0, 0, 0, 2], $Z, $Z, $Z, [1, 0, 0, 0, 0, 0, 1], $Z, $Z, $Z, $Z,
        [8, 1, 0, 0, 0, 0, 9], [2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 1],
        $Z, $Z, $Z, $Z, [1, 0, 0, 0, 0, 0, 1], $Z, [1, 0, 0, 0, 0, 0, 1],
        [37, 2, 0, 0, 0, 0, 39], [4, 0, 0, 0, 0, 0, 4]),
    t4_values(2, 0, 1, 0, 3, 1, 0, 0, 1, 2, 1, 0, 0, 1, 2),
);

# A cell value: a number; txt(written, read) for text; fm(formula, cached,
# read) for a formula whose cached result is written (LibreOffice
# recomputes it); blank() for an empty cell.
sub txt { return { text => $_[0], read => $_[1] }; }
sub fm { return { formula => $_[0], cached => $_[1], read => $_[2] }; }
sub blank { return { blank => 1 }; }
sub nan { return { nan => 1 }; } # a number cell whose bits are NaN: read as 0, value.not_number

# ---- writing ------------------------------------------------------------
my (%F, @manifest, $variant, $wb);

sub a1 {
    my ($r, $c) = @_;
    my $s = '';
    for (my $n = $c + 1; $n > 0; $n = int(($n - 1) / 26)) { $s = chr(65 + ($n - 1) % 26) . $s; }
    return $s . ($r + 1);
}

sub book {
    my ($path) = @_;
    $wb = Spreadsheet::WriteExcel->new($path) or die "$path: $!";
    %F = (
        title => $wb->add_format(bold => 1, size => 14),
        head  => $wb->add_format(bold => 1, border => 1, align => 'center', valign => 'vcenter', text_wrap => 1),
        label => $wb->add_format(border => 1, valign => 'vcenter', text_wrap => 1),
        num   => $wb->add_format(border => 1, align => 'center'),
        mhead  => $wb->add_format(bold => 1, border => 1, align => 'center', valign => 'vcenter', text_wrap => 1),
        mlabel => $wb->add_format(border => 1, valign => 'vcenter', text_wrap => 1),
        note  => $wb->add_format(italic => 1),
    );
}

sub variant {
    my ($name, $in_src) = @_;
    $variant = $name;
    book($in_src ? "$src/$name.xls" : "$dir/$name.xls");
}

# A sheet: [worksheet, name, {cell id => A1 already written}]
sub sheet {
    my ($name) = @_;
    my $ws = $wb->add_worksheet($name);
    $ws->set_column(0, 2, 22);
    $ws->set_column(3, 30, 9);
    return [$ws, $name, {}];
}

sub text {
    my ($sh, $r, $c, $s, $f) = @_;
    $sh->[0]->write_string($r, $c, $s, $F{$f // 'label'});
}

sub merged {
    my ($sh, $r1, $c1, $r2, $c2, $s, $f) = @_;
    if ($r1 == $r2 && $c1 == $c2) { text($sh, $r1, $c1, $s, $f); return; }
    $sh->[0]->merge_range($r1, $c1, $r2, $c2, $s, $F{"m$f"});
}

# Writes a statutory cell and records it in the manifest.
sub value {
    my ($sh, $r, $c, $id, $v) = @_;
    my ($ws, $name, $at) = @$sh;
    my $read;
    if (!ref $v) { $ws->write_number($r, $c, $v, $F{num}); $read = $v; }
    elsif ($v->{blank}) { $ws->write_blank($r, $c, $F{num}); $read = 'null'; }
    elsif ($v->{nan}) { my $inf = 9**9**9; $ws->write_number($r, $c, $inf - $inf, $F{num}); $read = 0; }
    elsif (exists $v->{text}) { $ws->write_string($r, $c, $v->{text}, $F{num}); $read = $v->{read}; }
    else {
        my $f = ref $v->{formula} eq 'CODE' ? $v->{formula}->($at) : $v->{formula};
        $ws->write_formula($r, $c, $f, $F{num}, $v->{cached});
        $read = $v->{read};
    }
    $at->{$id} = a1($r, $c);
    push @manifest, join("\t", $variant, $id, $name, a1($r, $c), $read);
}

# 表二. %o: version (2019|2021), values, rename {label => new label},
# extra [[after row id, label, values...]], titles (the block titles, 1 = yes)
sub table2 {
    my ($sh, $r, $c, %o) = @_;
    my @blocks = ($o{version} // 2019) == 2021 ? @T2_2021 : @T2_2019;
    my $v = $o{values};
    my $tr = $o{trad} // sub { $_[0] };
    my $nm = sub { my $l = $o{rename}{$_[0]} // $_[0]; $tr->($l) };
    for my $b (@blocks) {
        my ($title, $cols, $rows) = @$b;
        merged($sh, $r, $c, $r, $c + @$cols, $nm->($title), 'head');
        $r++;
        text($sh, $r, $c, $nm->('信息内容'), 'head');
        text($sh, $r, $c + 1 + $_, $nm->($cols->[$_][1]), 'head') for 0 .. $#$cols;
        $r++;
        for my $row (@$rows) {
            text($sh, $r, $c, $nm->($row->[1]));
            value($sh, $r, $c + 1 + $_, "t2.$row->[0].$cols->[$_][0]", $v->{"t2.$row->[0].$cols->[$_][0]"})
                for 0 .. $#$cols;
            $r++;
            for my $x (@{ $o{extra} // [] }) {
                next unless $x->[0] eq $row->[0];
                text($sh, $r, $c, $x->[1]);
                $sh->[0]->write_number($r, $c + 1 + $_, $x->[2 + $_], $F{num}) for 0 .. $#$x - 2;
                $r++;
            }
        }
    }
    return $r;
}

# The label cells of one 表三 row for a layout of `levels` columns.
sub t3_label_cells {
    my ($levels, $l, $prev_parents) = @_;
    my @l = @$l;
    if ($levels eq 'full') { # the whole path in one cell
        return [[0, join('', map { $l[$_] ne '' ? $l[$_] : $prev_parents->[$_] } 0 .. $#l)]];
    }
    if ($levels == 1) { my @x = grep { $_ ne '' } @l; return [[0, $x[-1]]]; }
    if ($levels == 2) {
        my @x = grep { $_ ne '' } @l;
        return [[0, $x[0]]] if @x == 1 && $l[0] ne '';
        return [($l[-2] // '') ne '' ? [0, $l[-2]] : (), [1, $l[-1]]] if @l == 3;
        return [[1, $l[-1]]];
    }
    my @cells;
    for my $k (0 .. $#l) { push @cells, [$k, $l[$k], $k == $#l ? 2 - $k : 0] if $l[$k] ne ''; }
    return \@cells;
}

# 表三. %o: version, values, levels (1, 2, 3 or 'full'), merged, trad (a
# function), rename {label => new}, drop_rows, drop_cols, repeat_header_after
sub table3 {
    my ($sh, $r, $c, %o) = @_;
    my @rows = ($o{version} // 2019) == 2021 ? @T3_2021 : @T3_2019;
    my %drop_r = map { $_ => 1 } @{ $o{drop_rows} // [] };
    my %drop_c = map { $_ => 1 } @{ $o{drop_cols} // [] };
    @rows = grep { !$drop_r{ $_->[0] } } @rows;
    my @cols = grep { !$drop_c{ $_->[0] } } @T3_COLS;
    my $lv = $o{levels} // 3;
    my $lc = $lv eq 'full' ? 1 : $lv;
    my $t = $o{trad} // sub { $_[0] };
    my $nm = sub { my $l = $o{rename}{$_[0]} // $_[0]; $t->($l) };
    my $d = $c + $lc;
    my $norg = grep { $_->[0] ne 'person' && $_->[0] ne 'total' } @cols;
    my $header = sub {
        my ($r) = @_;
        my ($person, @orgs) = @cols[0 .. $#cols - 1];
        my $total = $cols[-1];
        if ($o{merged}) {
            merged($sh, $r, $c, $r + 2, $d - 1, $nm->('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), 'head');
            merged($sh, $r, $d, $r, $d + @cols - 1, $nm->('申请人情况'), 'head');
            merged($sh, $r + 1, $d, $r + 2, $d, $nm->($person->[1]), 'head');
            merged($sh, $r + 1, $d + 1, $r + 1, $d + $norg, $nm->('法人或其他组织'), 'head');
            merged($sh, $r + 1, $d + @cols - 1, $r + 2, $d + @cols - 1, $nm->($total->[1]), 'head');
        } else {
            text($sh, $r, $c, $nm->('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), 'head');
            text($sh, $r, $d, $nm->('申请人情况'), 'head');
            text($sh, $r + 1, $d, $nm->($person->[1]), 'head');
            text($sh, $r + 1, $d + 1, $nm->('法人或其他组织'), 'head');
            text($sh, $r + 1, $d + @cols - 1, $nm->($total->[1]), 'head');
        }
        text($sh, $r + 2, $d + 1 + $_, $nm->($orgs[$_][1]), 'head') for 0 .. $#orgs;
        return $r + 3;
    };
    $r = $header->($r);
    if ($o{serial}) { text($sh, $r - 3, $c - 1, '序号', 'head'); }
    if ($o{remarks}) { text($sh, $r - 3, $d + @cols, '备注', 'head'); }
    my @parents = ('', '', '');
    for my $i (0 .. $#rows) {
        my ($id, $l) = @{ $rows[$i] };
        for my $cell (@{ t3_label_cells($lv, $l, \@parents) }) {
            my ($k, $s, $span) = @$cell;
            # the official form merges a parent label down over its rows
            my $down = 0;
            if ($o{merged} && $lv eq '3' && !$span) {
                $down++ while $i + $down + 1 <= $#rows && ($rows[$i + $down + 1][1][$k] // '') eq ''
                    && @{ $rows[$i + $down + 1][1] } > $k + 1;
            }
            if ($o{merged} && ($span || $down)) {
                merged($sh, $r, $c + $k, $r + $down, $c + $k + $span, $nm->($s), 'label');
            } else {
                text($sh, $r, $c + $k, $nm->($s));
            }
        }
        for my $k (0 .. $#$l) { $parents[$k] = $l->[$k] if $l->[$k] ne ''; }
        value($sh, $r, $d + $_, "t3.$id.$cols[$_][0]", $o{values}{"t3.$id.$cols[$_][0]"}) for 0 .. $#cols;
        # a 序号 column left of the labels, a 备注 column right of 总计
        $sh->[0]->write_number($r, $c - 1, $i + 1, $F{num}) if $o{serial};
        text($sh, $r, $d + @cols, '含网上申请') if $o{remarks} && $i % 5 == 0;
        $r++;
        $r = $header->($r) if ($o{repeat_header_after} // '') eq $id;
    }
    return $r;
}

# 表四: %o: values, merged, trad, rename
sub table4 {
    my ($sh, $r, $c, %o) = @_;
    my $t = $o{trad} // sub { $_[0] };
    my $nm = sub { my $l = $o{rename}{$_[0]} // $_[0]; $t->($l) };
    my @leaf = map { $nm->($_->[1]) } @T4_COLS;
    if ($o{merged}) {
        merged($sh, $r, $c, $r, $c + 4, $nm->('行政复议'), 'head');
        merged($sh, $r, $c + 5, $r, $c + 14, $nm->('行政诉讼'), 'head');
        merged($sh, $r + 1, $c + $_, $r + 2, $c + $_, $leaf[$_], 'head') for 0 .. 4;
        merged($sh, $r + 1, $c + 5, $r + 1, $c + 9, $nm->('未经复议直接起诉'), 'head');
        merged($sh, $r + 1, $c + 10, $r + 1, $c + 14, $nm->('复议后起诉'), 'head');
    } else {
        text($sh, $r, $c, $nm->('行政复议'), 'head');
        text($sh, $r, $c + 5, $nm->('行政诉讼'), 'head');
        text($sh, $r + 1, $c + $_, $leaf[$_], 'head') for 0 .. 4;
        text($sh, $r + 1, $c + 5, $nm->('未经复议直接起诉'), 'head');
        text($sh, $r + 1, $c + 10, $nm->('复议后起诉'), 'head');
    }
    text($sh, $r + 2, $c + 5 + $_, $leaf[$_ % 5], 'head') for 0 .. 9;
    for my $g (0 .. 2) {
        for my $k (0 .. 4) {
            my $id = "t4.$T4_GROUPS[$g][0].$T4_COLS[$k][0]";
            value($sh, $r + 3, $c + $g * 5 + $k, $id, $o{values}{$id});
        }
    }
    return $r + 4;
}

sub title { my ($sh, $r, $c, $s) = @_; $sh->[0]->write_string($r, $c, $s, $F{title}); }
sub note { my ($sh, $r, $c, $s) = @_; $sh->[0]->write_string($r, $c, $s, $F{note}); }

my $TITLE = '天津市人力资源和社会保障局2019年政府信息公开工作年度报告';

# The three tables one under another, as most agencies lay them out.
sub all_tables {
    my ($sh, $r, $c, %o) = @_;
    my %v = %{ $o{values} };
    title($sh, $r, $c, '二、主动公开政府信息情况');
    $r = table2($sh, $r + 1, $c, %o, values => \%v, %{ $o{t2} // {} });
    title($sh, $r + 1, $c, '三、收到和处理政府信息公开申请情况');
    $r = table3($sh, $r + 2, $c, %o, values => \%v, %{ $o{t3} // {} });
    title($sh, $r + 1, $c, '四、政府信息公开行政复议、行政诉讼情况');
    return table4($sh, $r + 2, $c, %o, values => \%v, %{ $o{t4} // {} });
}

# ---- the variants -------------------------------------------------------

# Odd offsets, titles and notes around and between the tables.
sub shifted {
    variant('shifted');
    my $sh = sheet('统计表');
    title($sh, 1, 2, $TITLE);
    note($sh, 2, 5, '（单位：件）');
    my $r = table2($sh, 5, 3, values => \%BASE_2019);
    note($sh, $r, 3, '注：对外公开总数量为自2014年以来的累计数。');
    note($sh, $r + 1, 3, '说明：本表由办公室填写。');
    title($sh, $r + 3, 1, '三、收到和处理政府信息公开申请情况');
    $r = table3($sh, $r + 5, 1, values => \%BASE_2019, merged => 1);
    note($sh, $r + 1, 1, '注：第一项加第二项之和等于第三项加第四项之和。');
    note($sh, $r + 2, 1, '填表人：张三　　审核人：李四　　联系电话：022-12345678');
    table4($sh, $r + 7, 7, values => \%BASE_2019, merged => 1);
    $wb->close;
}

# One sheet per table, in another order, after a sheet of narrative.
sub sheets {
    my ($name, $in_src) = @_;
    variant($name, $in_src);
    my $intro = sheet('说明');
    title($intro, 0, 0, $TITLE);
    note($intro, 2, 0, '一、总体情况：2019年，我局认真落实新修订的《政府信息公开条例》，全年共主动公开260条政府信息。');
    note($intro, 3, 0, '五、存在的主要问题及改进情况：规章、规范性文件的解读有待加强。');
    my $t4 = sheet('复议诉讼');
    table4($t4, 1, 0, values => \%BASE_2019, merged => 1);
    my $t3 = sheet('依申请公开');
    table3($t3, 0, 0, values => \%BASE_2019, merged => 1);
    my $t2 = sheet('主动公开');
    table2($t2, 3, 2, values => \%BASE_2019);
    $wb->close;
}

# 表三 row labels: leaf only (one column), two columns, three columns
# unmerged, the whole path in one column.
sub labels {
    my ($name, $levels, $merged) = @_;
    variant($name);
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%BASE_2019, t3 => { levels => $levels, merged => $merged });
    $wb->close;
}

# Numbers written as text, full-width digits, dashes, units, an expression
# and an annotated number (spec §2).
sub text_numbers {
    my ($name, $in_src) = @_;
    variant($name, $in_src);
    my %v = %BASE_2019;
    $v{'t3.new.person'} = txt('２２０', 220);
    $v{'t3.new.total'} = txt(' 224 ', 224);
    $v{'t3.carried.person'} = txt('１８', 18);
    $v{'t3.r.granted.person'} = txt('130', 130);
    $v{'t3.r.denied.secret.person'} = txt('—', 0);
    $v{'t3.r.denied.law.person'} = txt('/', 0);
    $v{'t3.r.denied.safety.person'} = txt('无', 0);
    $v{'t3.r.unable.unclear.total'} = txt('15+1', 16);
    $v{'t2.license.decisions'} = txt('1,835', 1835);
    $v{'t2.other_services.decisions'} = txt('９，２７３', 9273);
    $v{'t2.license.change'} = txt('减少2项', -2);
    $v{'t2.other_services.change'} = txt('+23', 23);
    $v{'t2.penalty.change'} = txt('增加1项', 1);
    $v{'t2.enforcement.change'} = txt('无增减', 0);
    $v{'t2.procurement.items'} = txt('52 项', 52);
    $v{'t2.procurement.amount'} = txt('43896400元', 4389.64);
    $v{'t2.normative.total'} = txt('94（其中修订16件）', 94);
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%v, t3 => { merged => 1 });
    $wb->close;
}

# Traditional characters, as 盐城's report (seed 002) is written.
my %TRAD = map { split /=/ } qw(
    规=規 范=範 开=開 况=況 内=內 数=數 对=對 总=總 项=項 处=處 决=決 许=許 条=條 强=強 费=費
    购=購 额=額 请=請 结=結 转=轉 办=辦 关=關 业=業 构=構 务=務 机=機 计=計 国=國 稳=穩 权=權
    类=類 过=過 执=執 询=詢 现=現 补=補 确=確 访=訪 举=舉 报=報 诉=訴 复=復 维=維 纠=糾 审=審
    经=經 议=議 护=護 讼=訟 获=獲 实=實 单=單 劳=勞 动=動 资=資 会=會 盐=鹽 级=級 门=門 从=從
    进=進 种=種 种=種 态=態 处=處 应=應 应=應 据=據 勾=勾 稽=稽 这=這 只=只 问=問 体=體 么=麼
    发=發 布=佈 仍=仍 编=編 号=號 罚=罰 严=嚴 制=制 证=證 认=認 读=讀 阶=階 段=段 际=際 无=無
    组=組 织=織 团=團 协=協 会=會 个=個 负=負 责=責 损=損 营=營 传=傳 达=達 问=問 题=題 产=產
);
sub trad { my ($s) = @_; $s =~ s/(.)/$TRAD{$1} \/\/ $1/ge; return $s; }

sub traditional {
    my ($name, $in_src) = @_;
    variant($name, $in_src);
    my $sh = sheet(trad('年报表格'));
    title($sh, 0, 0, trad('盐城市人力资源和社会保障局2019年度政府信息公开工作年度报告'));
    all_tables($sh, 2, 0, values => \%BASE_2019, trad => \&trad, t3 => { merged => 1 });
    $wb->close;
}

# Labels copied from a web page that converts to traditional characters and
# glosses some of them in pinyin, as seed 002 (盐城) reads: "總數(shù)量".
my %GLOSS = qw(數 shù 轉 zhuǎn 業 yè 執 zhí 現 xiàn 區 qū 穩 wěn 詢 xún 據 jù);
sub web { my $s = trad($_[0]); $s =~ s/(數|轉|業|執|現|區|穩|詢|據)/$1($GLOSS{$1})/g; return $s; }

sub web_copy {
    variant('web-copy');
    my $sh = sheet(trad('年报表格'));
    title($sh, 0, 0, trad('盐城市人力资源和社会保障局2019年度政府信息公开工作年度报告'));
    all_tables($sh, 2, 0, values => \%BASE_2019, trad => \&web, t3 => { merged => 1 });
    $wb->close;
}

# Wording that differs from the form but means the same (spec §2).
sub wording {
    variant('wording');
    my %rename = (
        '规范性文件' => '行政规范性文件',
        '规章' => '规章(设区的市、自治州人民政府应提供相关数据)',
        '对外公开总数量' => "对外公开总数量\n（自2014年至今）",
        '其他对外管理服务事项' => '其它对外管理服务事项',
        '本年增/减' => '本年增（减）',
        '一、本年新收政府信息公开申请数量' => '一、本年新收政府信息公开申请数量（件）',
        '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' => '(二)部分公开(区分处理的,只计这一情形,不计其他情形)',
        '3.危及“三安全一稳定”' => "3. 危及\"三安全一稳\n定\"",
        '（七）总计' => '（七）合计',
        '总计' => '总  计',
        '结果维持' => '结果 维持',
        '尚未审结' => '尚 未 审 结',
        '四、结转下年度继续办理' => '四、结转下年度继续办理（件）',
    );
    my $sh = sheet('报表');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%BASE_2019, rename => \%rename, t3 => { merged => 1 });
    $wb->close;
}

# A 序号 column before the 表三 labels and a 备注 column after its 总计.
sub serial_remarks {
    variant('serial-remarks');
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 1, values => \%BASE_2019, t3 => { merged => 1, serial => 1, remarks => 1 });
    $wb->close;
}

# Rows some provinces add: info map.extra_row, the rest untouched.
sub extra_rows {
    variant('extra-rows');
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%BASE_2019,
        t2 => { extra => [['normative', '其他主动公开文件', 12, 12, 80], ['normative', '发布总数量', 16, 16, 174]] });
    $wb->close;
}

# A row and a column of 表三 left out: map.missing_row, map.missing_column.
sub missing {
    variant('missing');
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%BASE_2019, t3 => { drop_rows => ['r.other'], drop_cols => ['research'] });
    $wb->close;
}

# The 2021 format, with the 2019 wording 规范性文件 that many still use.
sub format_2021 {
    variant('format-2021');
    my $sh = sheet('统计表');
    title($sh, 0, 0, '某区人力资源和社会保障局2021年政府信息公开工作年度报告');
    all_tables($sh, 2, 0, version => 2021, values => \%BASE_2021, rename => { '行政规范性文件' => '规范性文件' },
        t3 => { merged => 1 });
    $wb->close;
}

# 表二 in the 2021 format, 表三 still in the 2019 one: map.mixed_version.
sub mixed_version {
    variant('mixed-version');
    my %v = (%BASE_2021, map { $_ => $BASE_2019{$_} } grep { /^t3\./ } keys %BASE_2019);
    my $sh = sheet('统计表');
    title($sh, 0, 0, '某区人力资源和社会保障局2021年政府信息公开工作年度报告');
    title($sh, 2, 0, '二、主动公开政府信息情况');
    my $r = table2($sh, 3, 0, version => 2021, values => \%v);
    $r = table3($sh, $r + 2, 0, version => 2019, values => \%v, merged => 1);
    table4($sh, $r + 2, 0, values => \%v, merged => 1);
    $wb->close;
}

# A page break copied into 表三: its header repeated between two rows, as
# in seed 001.
sub repeated_header {
    variant('repeated-header');
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%BASE_2019, t3 => { merged => 1, repeat_header_after => 'r.unable.need_create' });
    $wb->close;
}

# Totals as formulas whose cached results the writer stored (as Excel and
# WPS do), and a title that is a string formula.
sub formula_values {
    my ($cached_ok) = @_;
    my %v = %BASE_2019;
    for my $row (@T3_2019) {
        my $id = $row->[0];
        my $want = $BASE_2019{"t3.$id.total"};
        $v{"t3.$id.total"} = fm(sub { my $at = shift; "=SUM($at->{\"t3.$id.person\"}:$at->{\"t3.$id.other_org\"})" },
            $cached_ok ? $want : 0, $want);
    }
    for my $col (map { $_->[0] } @T3_COLS[0 .. 5]) {
        my $want = $BASE_2019{"t3.r.total.$col"};
        $v{"t3.r.total.$col"} = fm(sub { my $at = shift; "=SUM($at->{\"t3.r.granted.$col\"}:$at->{\"t3.r.other.$col\"})" },
            $cached_ok ? $want : 0, $want);
    }
    for my $g (map { $_->[0] } @T4_GROUPS) {
        my $want = $BASE_2019{"t4.$g.total"};
        my $last = 'pending';
        # the 复议后起诉 total leaves 尚未审结 out of its range: a wrong total
        if ($g eq 'suit_after_review') { $last = 'other'; $want -= $BASE_2019{"t4.$g.pending"}; }
        $v{"t4.$g.total"} = fm(sub { my $at = shift; "=SUM($at->{\"t4.$g.upheld\"}:$at->{\"t4.$g.$last\"})" },
            $cached_ok ? $want : 0, $want);
    }
    return %v;
}

sub formulas_cached {
    variant('formulas-cached');
    my %v = formula_values(1);
    # a formula whose result is text: the STRING record after it holds it
    # (ASCII: WriteExcel writes other characters of it in the wrong order)
    $v{'t2.procurement.items'} = fm('=CONCATENATE("5","2 ")', '52 ', 52);
    # an error and a boolean result where a count belongs: value.not_number
    $v{'t3.r.denied.query.legal'} = fm('=1/0', '#DIV/0!', 0);
    $v{'t3.r.denied.query.ngo'} = fm('=1>2', 'FALSE', 0);
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%v, t3 => { merged => 1 }, t4 => { merged => 1 });
    $wb->close;
}

# The same formulas with no cached results, for LibreOffice to compute and
# save (tests/data/make_lo_variants.sh).
sub formulas_lo {
    variant('lo-formulas', 1);
    my %v = formula_values(0);
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%v, t3 => { merged => 1 }, t4 => { merged => 1 });
    $wb->close;
}

# A number cell holding NaN (no writer means it; a damaged file has it).
sub nan_number {
    variant('nan-number');
    my %v = %BASE_2019;
    $v{'t3.r.unable.not_held.other_org'} = nan();
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%v, t3 => { merged => 1 });
    $wb->close;
}

# A chart embedded in the sheet of the tables: freexl refuses such a
# workbook, so ogi hands it the workbook without the chart.
sub with_chart {
    my ($name, $in_src) = @_;
    variant($name, $in_src);
    my $sh = sheet('Sheet1');
    title($sh, 0, 0, $TITLE);
    all_tables($sh, 2, 0, values => \%BASE_2019, t3 => { merged => 1 }, t4 => { merged => 1 });
    my $chart = $wb->add_chart(type => 'column', embedded => 1, name => '申请人情况');
    $chart->add_series(categories => '=Sheet1!$D$24:$J$24', values => '=Sheet1!$D$25:$J$25');
    $sh->[0]->insert_chart('L3', $chart);
    $wb->close;
}

# Only 表三: the other two tables are missing.
sub only_t3 {
    variant('only-t3');
    my $sh = sheet('依申请公开');
    table3($sh, 1, 1, values => \%BASE_2019, merged => 1);
    $wb->close;
}

# An unrelated workbook with words the tables also use (其他, 总计, 合计).
sub unrelated {
    variant('unrelated');
    my $sh = sheet('预算');
    title($sh, 0, 0, '2019年部门预算支出表');
    my @rows = (['项目', '金额', '其他', '总计'], ['基本支出', 120, 3, 123], ['项目支出', 80, 0, 80],
        ['其他', 5, 0, 5], ['合计', 205, 3, 208]);
    for my $i (0 .. $#rows) { $sh->[0]->write(2 + $i, $_, $rows[$i][$_]) for 0 .. 3; }
    $wb->close;
}

mkdir $src unless -d $src;
shifted();
sheets('sheets');
labels('labels-leaf', 1, 0);
labels('labels-two-columns', 2, 0);
labels('labels-three-columns', 3, 0);
labels('labels-merged', 3, 1);
labels('labels-full', 'full', 0);
text_numbers('text-numbers');
traditional('traditional');
web_copy();
wording();
extra_rows();
serial_remarks();
missing();
format_2021();
mixed_version();
repeated_header();
formulas_cached();
only_t3();
nan_number();
with_chart('chart');
unrelated();
# sources that LibreOffice saves (make_lo_variants.sh); their manifest
# lines name the saved file
formulas_lo();
sheets('lo-sheets', 1);
text_numbers('lo-text-numbers', 1);
traditional('lo-traditional', 1);
with_chart('lo-chart', 1);

open my $out, '>:utf8', "$dir/variants.tsv" or die "$dir/variants.tsv: $!";
print $out "# variant\tcell\tsheet\tA1\tvalue read (written by make_variants.pl)\n";
print $out "$_\n" for @manifest;
close $out;
