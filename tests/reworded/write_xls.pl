#!/usr/bin/perl
# write_xls.pl LAYOUT.json: writes the .xls workbooks that make_reworded.py
# laid out, with Spreadsheet::WriteExcel (BIFF8, as Excel 97-2003 saves), so
# the .xls forms of the corpus come from a writer independent of both ogi and
# openpyxl. LAYOUT.json: [{"path": P, "sheets": [{"name": N,
#   "cells": [[row, col, "n"|"s", value]...], "merges": [[r1, c1, r2, c2]...]}]}]
# (0-based). A merged range's text is its top-left cell's.
use strict;
use warnings;
use JSON::PP;
use Spreadsheet::WriteExcel;

local $/;
open my $in, '<:raw', $ARGV[0] or die "$ARGV[0]: $!";
my $books = JSON::PP->new->utf8->decode(<$in>);
close $in;

for my $b (@$books) {
    my $wb = Spreadsheet::WriteExcel->new($b->{path}) or die "$b->{path}: $!";
    # WriteExcel wants merge formats apart from cell formats
    my $plain = $wb->add_format(border => 1, valign => 'vcenter', text_wrap => 1);
    my $merge = $wb->add_format(border => 1, valign => 'vcenter', text_wrap => 1);
    for my $s (@{ $b->{sheets} }) {
        my $ws = $wb->add_worksheet($s->{name});
        $ws->set_column(0, 2, 24);
        my %text;
        $text{"$_->[0],$_->[1]"} = $_ for @{ $s->{cells} };
        my %covered;
        for my $m (@{ $s->{merges} }) {
            my ($r1, $c1, $r2, $c2) = @$m;
            my $cell = delete $text{"$r1,$c1"};
            $ws->merge_range($r1, $c1, $r2, $c2, $cell ? $cell->[3] : '', $merge);
            for my $r ($r1 .. $r2) { $covered{"$r,$_"} = 1 for $c1 .. $c2; }
        }
        for my $cell (values %text) {
            my ($r, $c, $type, $v) = @$cell;
            next if $covered{"$r,$c"};
            if ($type eq 'n') { $ws->write_number($r, $c, $v, $plain); }
            else { $ws->write_string($r, $c, $v, $plain); }
        }
    }
    $wb->close or die "$b->{path}: $!";
}
