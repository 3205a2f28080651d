#!/usr/bin/perl
# make_samples.pl: writes the sample workbooks of samples/ from the seed
# reports (../shared/seeds), laid out as agencies submit them. Run from the
# repository root: perl samples/make_samples.pl. Data and decisions:
# docs/samples.md.
use strict;
use warnings;
use utf8;
use Spreadsheet::WriteExcel;

my $dir = $ARGV[0] // 'samples';

# ---- 表三 row labels: [level-1, level-2, level-3] as the official form has them
my @T3_2019 = (
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
    ['', '（六）其他处理'], ['', '（七）总计'], ['四、结转下年度继续办理'],
);
my @T3_2021 = (@T3_2019[0 .. 19],
    ['', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['', '', '3.其他'], @T3_2019[21 .. 22]);

my ($wb, %fmt);

sub book {
    my ($name) = @_;
    $wb = Spreadsheet::WriteExcel->new("$dir/$name") or die "$dir/$name: $!";
    %fmt = (
        title => $wb->add_format(bold => 1, size => 14),
        head  => $wb->add_format(bold => 1, border => 1, align => 'center', valign => 'vcenter', text_wrap => 1),
        label => $wb->add_format(border => 1, valign => 'vcenter', text_wrap => 1),
        num   => $wb->add_format(border => 1, align => 'center'),
        # WriteExcel keeps merge formats apart from cell formats
        mhead  => $wb->add_format(bold => 1, border => 1, align => 'center', valign => 'vcenter', text_wrap => 1),
        mlabel => $wb->add_format(border => 1, valign => 'vcenter', text_wrap => 1),
    );
}

sub cell {
    my ($ws, $r, $c, $v, $f) = @_;
    return unless defined $v;
    if (ref $v eq 'SCALAR') { $ws->write_string($r, $c, $$v, $fmt{$f // 'num'}); }   # \"text"
    elsif (ref $v eq 'ARRAY') { $ws->write_formula($r, $c, $v->[0], $fmt{num}, $v->[1]); }
    elsif ($v eq '') { $ws->write_blank($r, $c, $fmt{$f // 'num'}); }
    else { $ws->write($r, $c, $v, $fmt{$f // 'num'}); }
}

sub merge {
    my ($ws, $r1, $c1, $r2, $c2, $text, $f) = @_;
    if ($r1 == $r2 && $c1 == $c2) { $ws->write_string($r1, $c1, $text, $fmt{$f}); return; }
    $ws->merge_range($r1, $c1, $r2, $c2, $text, $fmt{"m$f"});
}

# 表二: blocks of [title, [col labels], [[row label, values...]...]]
sub table2 {
    my ($ws, $r, $c, @blocks) = @_;
    for my $b (@blocks) {
        my ($title, $cols, $rows) = @$b;
        merge($ws, $r, $c, $r, $c + @$cols, $title, 'head'); $r++;
        cell($ws, $r, $c, '信息内容', 'head');
        cell($ws, $r, $c + 1 + $_, $cols->[$_], 'head') for 0 .. $#$cols;
        $r++;
        for my $row (@$rows) {
            cell($ws, $r, $c, $row->[0], 'label');
            cell($ws, $r, $c + $_, $row->[$_]) for 1 .. $#$row;
            $r++;
        }
    }
    return $r;
}

# 表三: %o = (labels => \@T3, data => [[7 values]...], levels => 1|2|3,
#             merged => 0|1, trad => \&conv)
sub table3 {
    my ($ws, $r, $c, %o) = @_;
    my $lv = $o{levels} // 3;
    my $t = $o{trad} // sub { $_[0] };
    my $d = $c + $lv;    # first data column
    my @orgs = map { $t->($_) } ('商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他');
    if ($o{merged}) {
        merge($ws, $r, $c, $r + 2, $d - 1, $t->('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), 'head');
        merge($ws, $r, $d, $r, $d + 6, $t->('申请人情况'), 'head');
        merge($ws, $r + 1, $d, $r + 2, $d, $t->('自然人'), 'head');
        merge($ws, $r + 1, $d + 1, $r + 1, $d + 5, $t->('法人或其他组织'), 'head');
        merge($ws, $r + 1, $d + 6, $r + 2, $d + 6, $t->('总计'), 'head');
    } else {
        cell($ws, $r, $c, $t->('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), 'head');
        cell($ws, $r, $d, $t->('申请人情况'), 'head');
        cell($ws, $r + 1, $d, $t->('自然人'), 'head');
        cell($ws, $r + 1, $d + 1, $t->('法人或其他组织'), 'head');
        cell($ws, $r + 1, $d + 6, $t->('总计'), 'head');
    }
    cell($ws, $r + 2, $d + 1 + $_, $orgs[$_], 'head') for 0 .. 4;
    $r += 3;
    my @labels = @{ $o{labels} };
    my $top = $r;
    for my $i (0 .. $#labels) {
        my @l = @{ $labels[$i] };
        if ($lv == 1) {      # leaf labels only, one column
            my $leaf = (grep { $_ ne '' } @l)[-1];
            cell($ws, $r, $c, $t->($leaf), 'label');
        } elsif ($lv == 2) { # the nearest parent in column 1, the leaf in 2
            my @x = grep { $_ ne '' } @l;
            if (@x == 1 && $l[0] ne '') { cell($ws, $r, $c, $t->($x[0]), 'label'); }
            else {
                cell($ws, $r, $c, $t->($x[-2]), 'label') if @x > 1;
                cell($ws, $r, $c + 1, $t->($x[-1]), 'label');
            }
        } else {
            for my $k (0 .. 2) {
                next unless defined $l[$k] && $l[$k] ne '';
                my $span = ($k == 2 || defined $l[$k + 1]) ? 0 : 2 - $k;
                if ($o{merged} && $span) { merge($ws, $r, $c + $k, $r, $c + $k + $span, $t->($l[$k]), 'label'); }
                else { cell($ws, $r, $c + $k, $t->($l[$k]), 'label'); }
            }
        }
        my $vals = $o{data}[$i] // [];
        cell($ws, $r, $d + $_, $vals->[$_]) for 0 .. 6;
        $r++;
    }
    if ($o{merged} && $lv == 3) {    # the parents' vertical merges
        $ws->merge_range($top + 2, $c, $top + $#labels - 1, $c, $t->('三、本年度办理结果'), $fmt{mlabel});
    }
    return $r;
}

# 表四: 15 values: review 5, direct 5, after review 5
sub table4 {
    my ($ws, $r, $c, $vals, %o) = @_;
    my $t = $o{trad} // sub { $_[0] };
    my @leaf = map { $t->($_) } ('结果维持', '结果纠正', '其他结果', '尚未审结', '总计');
    if ($o{merged}) {
        merge($ws, $r, $c, $r, $c + 4, $t->('行政复议'), 'head');
        merge($ws, $r, $c + 5, $r, $c + 14, $t->('行政诉讼'), 'head');
        merge($ws, $r + 1, $c + $_, $r + 2, $c + $_, $leaf[$_], 'head') for 0 .. 4;
        merge($ws, $r + 1, $c + 5, $r + 1, $c + 9, $t->('未经复议直接起诉'), 'head');
        merge($ws, $r + 1, $c + 10, $r + 1, $c + 14, $t->('复议后起诉'), 'head');
    } else {
        cell($ws, $r, $c, $t->('行政复议'), 'head');
        cell($ws, $r, $c + 5, $t->('行政诉讼'), 'head');
        cell($ws, $r + 1, $c + $_, $leaf[$_], 'head') for 0 .. 4;
        cell($ws, $r + 1, $c + 5, $t->('未经复议直接起诉'), 'head');
        cell($ws, $r + 1, $c + 10, $t->('复议后起诉'), 'head');
    }
    cell($ws, $r + 2, $c + 5 + $_, $leaf[$_ % 5], 'head') for 0 .. 9;
    cell($ws, $r + 3, $c + $_, $vals->[$_]) for 0 .. 14;
    return $r + 4;
}

sub t2_2019 {
    my (%v) = @_;
    return (['第二十条第（一）项', ['本年新制作数量', '本年新公开数量', $v{total_label} // '对外公开总数量'], $v{one}],
            ['第二十条第（五）项', ['上一年项目数量', '本年增/减', '处理决定数量'], $v{five}],
            ['第二十条第（六）项', ['上一年项目数量', '本年增/减', '处理决定数量'], $v{six}],
            ['第二十条第（八）项', ['上一年项目数量', '本年增/减'], $v{eight}],
            ['第二十条第（九）项', ['采购项目数量', $v{amount_label} // '采购总金额'], $v{nine}]);
}

sub widths { my ($ws) = @_; $ws->set_column(0, 0, 30); $ws->set_column(1, 2, 24); $ws->set_column(3, 20, 10); }

# ---- 佛山 2019 (seed 000): one sheet, official merged layout -------------
sub foshan {
    book('foshan-2019.xls');
    my $ws = $wb->add_worksheet('年报统计表');
    widths($ws);
    $ws->write_string(0, 0, '佛山市人力资源和社会保障局2019年政府信息公开工作年度报告', $fmt{title});
    $ws->write_string(2, 0, '二、主动公开政府信息情况', $fmt{title});
    my $r = table2($ws, 3, 0, t2_2019(
        one => [['规章', 0, 0, 0], ['规范性文件', 8, 8, 70]],
        five => [['行政许可', 1, 0, 3], ['其他对外管理服务事项', 0, 0, 0]],
        six => [['行政处罚', 0, 0, 0], ['行政强制', 0, 0, 0]],
        eight => [['行政事业性收费', 0, 0]],
        nine => [['政府集中采购', 5, \'181.7098 万元']]));
    $ws->write_string($r + 1, 0, '三、收到和处理政府信息公开申请情况', $fmt{title});
    # rows from 4. 保护第三方 on have six numbers in the seed: the lost
    # one is taken to be 其他 (other_org), left empty
    my @d = ([37, 0, 0, 0, 0, 0, 37], [2, 0, 0, 0, 0, 0, 2], [8, 0, 0, 0, 0, 0, 8], [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0],
        (map { [$_->[0], 0, 0, 0, 0, undef, $_->[1]] } [0, 0], [0, 0], [3, 3], [0, 0], [0, 0],
            [9, 9], [1, 1], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [5, 5], [0, 0]),
        [37, 0, 0, 0, 0, 0, 37], [0, 0, 0, 0, 0, 0, 0]);
    $r = table3($ws, $r + 2, 0, labels => \@T3_2019, data => \@d, merged => 1);
    $ws->write_string($r + 1, 0, '四、政府信息公开行政复议、行政诉讼情况', $fmt{title});
    # the seed's row has 16 numbers for 15 cells: the last one is dropped
    table4($ws, $r + 2, 0, [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], merged => 1);
    $wb->close;
}

# ---- 广东 2020 (seed 001): one sheet per table, offset, text values ----
sub guangdong {
    book('guangdong-2020.xls');
    my $ws = $wb->add_worksheet('主动公开');
    widths($ws);
    $ws->write_string(0, 1, '广东省人力资源和社会保障厅2020年政府信息公开工作年度报告', $fmt{title});
    table2($ws, 2, 1, t2_2019(
        one => [['规章', 0, 0, 0], ['规范性文件', 43, 43, 130]],
        five => [['行政许可', 6, \'+2', 4], ['其他对外管理服务事项', 150, \'+92', 202023]],
        six => [['行政处罚', 2155, \'-2155', 0], ['行政强制', 299, \'-299', 0]],
        eight => [['行政事业性收费', 0, 0]],
        nine => [['政府集中采购', \'283 批次', \'26413 万元']],
        amount_label => '采购总金额（预算）'));
    $ws = $wb->add_worksheet('依申请公开');
    widths($ws);
    $ws->write_string(0, 1, '三、收到和处理政府信息公开申请情况', $fmt{title});
    my @d = ([90, 2, 2, 0, 0, 0, 94], [7, 0, 0, 0, 0, 0, 7], [37, 1, 1, 0, 0, 0, 39], [3, 0, 0, 0, 0, 0, 3],
        [2, 1, 0, 0, 0, 0, 3], ([0, 0, 0, 0, 0, 0, 0]) x 3, [3, 0, 0, 0, 0, 0, 3], ([0, 0, 0, 0, 0, 0, 0]) x 3,
        [28, 1, 1, 0, 0, 0, 30], [3, 0, 0, 0, 0, 0, 3], [4, 0, 0, 0, 0, 0, 4], [2, 0, 0, 0, 0, 0, 2],
        [6, 0, 0, 0, 0, 0, 6], [0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0], [89, 3, 2, 0, 0, 0, 94], [6, 1, 0, 0, 0, 0, 7]);
    table3($ws, 2, 1, labels => \@T3_2019, data => \@d, merged => 1);
    $ws = $wb->add_worksheet('复议诉讼');
    $ws->write_string(0, 0, '四、政府信息公开行政复议、行政诉讼情况', $fmt{title});
    table4($ws, 2, 0, [undef, undef, undef, undef, undef, 2, 0, 0, 0, 2, 2, 0, 0, 0, 2], merged => 1);
    $wb->close;
}

# ---- 盐城 2020 (seed 002): traditional characters, blank results ------
my %TRAD = map { split /=/ } qw(
    规=規 范=範 动=動 开=開 况=況 内=內 数=數 制=製 对=對 总=總 量=量 项=項 处=處 决=決 许=許 条=條
    强=強 费=費 购=購 额=額 纳=納 请=請 结=結 转=轉 办=辦 为=為 关=關 组=組 织=織 业=業 构=構
    务=務 机=機 计=計 国=國 秘=秘 禁=禁 危=危 稳=穩 权=權 类=類 过=過 执=執 卷=卷 询=詢 现=現
    补=補 确=確 访=訪 举=舉 报=報 诉=訴 复=復 维=維 纠=糾 审=審 经=經 议=議 众=眾 护=護 种=種
    讼=訟 么=麼 际=際 获=獲 证=證 实=實 书=書 实=實 县=縣 区=區 证=證 谓=謂 读=讀 单=單 监=監 与=與
    劳=勞 动=動 资=資 源=源 会=會 障=障 局=局 盐=鹽 级=級 层=層 长=長 门=門 间=間 从=從 进=進
);
sub trad { my ($s) = @_; $s =~ s/(.)/$TRAD{$1} \/\/ $1/ge; return $s; }

sub yancheng {
    book('yancheng-2020.xls');
    my $ws = $wb->add_worksheet(trad('年报表格'));
    widths($ws);
    $ws->write_string(0, 0, trad('盐城市人力资源和社会保障局2020年度政府信息公开工作年度报告'), $fmt{title});
    my @b = t2_2019(
        one => [[trad('规章'), 0, 0, 0], [trad('规范性文件'), 1, 1, 2]],
        five => [[trad('行政许可'), 4, 0, 21], [trad('其他对外管理服务事项'), 22, 0, 30]],
        six => [[trad('行政处罚'), 3, 0, 3], [trad('行政强制'), 0, 0, 0]],
        eight => [[trad('行政事业性收费'), 22, 0]],
        nine => [[trad('政府集中采购'), 103, \'83萬']]);
    for my $blk (@b) { $blk->[0] = trad($blk->[0]); $_ = trad($_) for @{ $blk->[1] }; }
    my $r = table2($ws, 2, 0, @b);
    my @d = ([18, 0, 0, 0, 0, 0, 18], [0, 0, 0, 0, 0, 0, 0], ([]) x 18,
        [0, 0, 0, 0, 0, 0, 0], [26, 0, 0, 0, 0, 0, 0], []);
    $r = table3($ws, $r + 1, 0, labels => \@T3_2019, data => \@d, merged => 1, trad => \&trad);
    table4($ws, $r + 1, 0, [(0) x 15], merged => 0, trad => \&trad);
    $wb->close;
}

# ---- 天津 2019 (seed 004): labels in two columns, text values ---------
sub tianjin {
    book('tianjin-2019.xls');
    my $ws = $wb->add_worksheet('Sheet1');
    widths($ws);
    $ws->write_string(0, 0, '天津市人力资源和社会保障局2019年政府信息公开工作年度报告', $fmt{title});
    my $r = table2($ws, 2, 0, t2_2019(
        one => [['规章', 0, 0, 0], ['规范性文件', 4, 4, 94]],
        five => [['行政许可', 4, \'减少2项', 1835], ['其他对外管理服务事项', 79, \'增加23项', 9273]],
        six => [['行政处罚', 54, \'增加1项', 1], ['行政强制', 2, \'无增减', 235]],
        eight => [['行政事业性收费', 4, \'无增减']],
        nine => [['政府集中采购', 52, \'4389.64万元']],
        total_label => "对外公开总数量\n（自2014年至今）"));
    my @d = ([\' 220', \' 4', \'0 ', 0, 0, 0, \'224 '], [\' 18', \' 1', \'0 ', 0, 0, 0, \' 19'],
        [\' 130', \'3 ', \'0 ', 0, 0, 0, \' 133'], [\' 14', \'0 ', 0, 0, 0, \'0 ', \' 14'],
        ([0, 0, 0, 0, 0, 0, 0]) x 3, [\' 5', 0, 0, 0, 0, 0, \' 5'], ([0, 0, 0, 0, 0, 0, 0]) x 4,
        [60, 0, 0, 0, 0, 0, 60], [2, 0, 0, 0, 0, 0, 2], [15, 1, 0, 0, 0, 0, 16],
        [4, 1, 0, 0, 0, 0, 5], [4, 0, 0, 0, 0, 0, 4], ([0, 0, 0, 0, 0, 0, 0]) x 4,
        [234, 5, 0, 0, 0, 0, 239], [4, 0, 0, 0, 0, 0, 4]);
    $r = table3($ws, $r + 1, 0, labels => \@T3_2019, data => \@d, levels => 2);
    table4($ws, $r + 1, 0, [5, 0, 0, 1, 6, 3, 0, 0, 0, 3, 7, 0, 0, 2, 9]);
    $wb->close;
}

# ---- 花都 2017 (seed 003): the old format, no statutory table ---------
sub huadu {
    book('huadu-2017.xls');
    my $ws = $wb->add_worksheet('年度报告');
    $ws->set_column(0, 0, 40);
    $ws->write_string(0, 0, '广州市花都区人力资源和社会保障局2017年政府信息公开年度报告', $fmt{title});
    $ws->write_string(2, 0, '我局2017年全年主动公开政府信息591条，受理信息公开申请1件。');
    my @rows = (['类别', '条数'], ['组织机构类', 0], ['部门文件类（包括规章、规范性文件等）', 40], ['动态类', 371],
        ['行政职权类（包括行政审批、执法等）', 140], ['财政预决算', 4], ['建议提案办理结果', 1], ['其他', 36], ['合计', 591]);
    for my $i (0 .. $#rows) { $ws->write(4 + $i, $_, $rows[$i][$_]) for 0 .. 1; }
    $wb->close;
}

# ---- 2021 format (synthetic): 填报单位 line, two deliberate mistakes --
sub synthetic2021 {
    book('synthetic-2021.xls');
    my $ws = $wb->add_worksheet('统计表');
    widths($ws);
    $ws->write_string(0, 0, '2022年政府信息公开工作年度报告统计表', $fmt{title});
    $ws->write_string(1, 0, '填报单位：某市某某局');
    my $r = table2($ws, 3, 0,
        ['第二十条第（一）项', ['本年制发件数', '本年废止件数', '现行有效件数'], [['规章', 0, 0, 3], ['行政规范性文件', 5, 2, 41]]],
        ['第二十条第（五）项', ['本年处理决定数量'], [['行政许可', 1520]]],
        ['第二十条第（六）项', ['本年处理决定数量'], [['行政处罚', 36], ['行政强制', 4]]],
        ['第二十条第（八）项', ['本年收费金额（单位：万元）'], [['行政事业性收费', 12.5]]]);
    # 表三 new 40+5, carried 3 -> results 45, carry over 3; the 予以公开 row
    # total is off by one (deliberate)
    my @d = ([38, 2, 0, 0, 0, 0, 40], [3, 0, 0, 0, 0, 0, 3], [20, 1, 0, 0, 0, 0, 22], [2, 0, 0, 0, 0, 0, 2],
        ([0, 0, 0, 0, 0, 0, 0]) x 3, [1, 0, 0, 0, 0, 0, 1], ([0, 0, 0, 0, 0, 0, 0]) x 4,
        [8, 1, 0, 0, 0, 0, 9], [2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 1],
        ([0, 0, 0, 0, 0, 0, 0]) x 4, [1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 1],
        [37, 2, 0, 0, 0, 0, 39], [4, 0, 0, 0, 0, 0, 4]);
    $r = table3($ws, $r + 1, 0, labels => \@T3_2021, data => \@d, merged => 1);
    # 表四: the 复议后起诉 total says 3 for 1 + 1 (deliberate)
    table4($ws, $r + 1, 0, [2, 0, 1, 0, 3, 1, 0, 0, 1, 2, 1, 0, 0, 1, 3], merged => 1);
    $wb->close;
}

foshan();
guangdong();
yancheng();
tianjin();
huadu();
synthetic2021();
