"""The search box's syntax, read once for both backends (archive.search.syntax), and its FTS5 form."""

import pytest

from archive.rendering import render_body, render_markdown
from archive.search.backends.sqlite import fts_excluded, fts_required
from archive.search.syntax import ParsedQuery, Term, parse
from archive.search.text import finish_snippet, html_text, segment_cjk


@pytest.mark.parametrize(
    ("typed", "clauses", "excluded"),
    [
        ("nuclear test", ((Term("nuclear"),), (Term("test"),)), ()),
        ('"test ban" treaty', ((Term("test ban", phrase=True),), (Term("treaty"),)), ()),
        ("war OR peace", ((Term("war"), Term("peace")),), ()),
        ("war or peace talks", ((Term("war"), Term("peace")), (Term("talks"),)), ()),
        ("treaty -moratorium", ((Term("treaty"),),), (Term("moratorium"),)),
        ('treaty -"test ban"', ((Term("treaty"),),), (Term("test ban", phrase=True),)),
        ("Sino-Soviet split", ((Term("Sino-Soviet"),), (Term("split"),)), ()),
        ('"unclosed phrase', ((Term("unclosed phrase", phrase=True),),), ()),
        ('"one"', ((Term("one"),),), ()),
        ("OR war", ((Term("war"),),), ()),
        ("war OR", ((Term("war"),),), ()),
        ("- -- !!! &&", (), ()),
        ("毛泽东", ((Term("毛 泽 东", phrase=True),),), ()),
    ],
)
def test_parse(typed, clauses, excluded):
    assert parse(typed) == ParsedQuery(clauses, excluded)


def test_websearch_form_keeps_phrases_alternatives_and_exclusions_apart():
    parsed = parse('"test ban" OR moratorium Geneva -Paris -"summit meeting"')

    assert parsed.websearch() == '"test ban" OR moratorium Geneva'
    assert parsed.excluded_websearch() == 'Paris OR "summit meeting"'


def test_fts5_form_quotes_every_term():
    parsed = parse('"test ban" OR NEAR(x) col:umn* -"a b" -c^')

    assert fts_required(parsed) == '("test ban" OR "NEAR(x)") AND ("col:umn*")'
    assert fts_excluded(parsed) == '"a b" OR "c^"'


def test_an_empty_query_is_false():
    assert not parse("   ")
    assert parse("-word")


def test_indexed_text_drops_markup_and_note_markers():
    rendered = render_body("# Heading\n\nSome **bold** text.[1] A [link](https://example.org).")
    assert html_text(rendered) == "Heading Some bold text. A link."


def test_indexed_text_keeps_what_looks_like_markup_as_words():
    rendered = render_markdown('1 < 2 & <b>x</b> [y](https://example.org/?a=1&b=2 "t>t")\n\n- one\n- two')
    assert html_text(rendered) == "1 < 2 & <b>x</b> y one two"


def test_indexed_text_collapses_every_kind_of_whitespace_to_one_space():
    assert html_text("<p>a  b\tc\n d \u00a0e\u2003f</p>\n<p>\u3000g</p>\n") == "a b c d e f g"


def test_cjk_is_split_into_characters_and_joined_again_in_snippets():
    assert segment_cjk("对华贸易 trade") == " 对  华  贸  易  trade"
    assert segment_cjk("ひらがな") == " ひ  ら  が  な "  # the lowest range of all
    assert segment_cjk("Русский текст — “quoted” ½") == "Русский текст — “quoted” ½"
    raw = (
        segment_cjk("要求扩大对华贸易的呼声")
        .replace(" 贸 ", " \ue000贸\ue001 ")
        .replace(" 易 ", " \ue000易\ue001 ")
    )

    assert finish_snippet(raw) == "要求扩大对华<mark>贸易</mark>的呼声"


def test_snippets_are_escaped_before_they_are_marked():
    assert finish_snippet("<b>\ue000x\ue001</b> & **y**") == "&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; y"
