from archive.rendering import render_body, render_markdown, render_notes


def test_markers_become_linked_note_references():
    html = render_body("Madrid[1] and F[idel] in [1961].", note_prefix="t1")
    assert 'href="#t1-1"' in html
    assert 'id="t1-ref-1"' in html
    assert "F[idel]" in html
    assert "[1961]" in html
    assert html.count("note-ref") == 1


def test_raw_html_and_script_links_are_not_markup():
    html = render_markdown("<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    assert "<script>" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html


def test_notes_link_back_to_their_markers():
    html = render_notes([(1, "Translator's note", "Literally *twelfth hour*.")], note_prefix="t1")
    assert 'id="t1-1"' in html
    assert 'href="#t1-ref-1"' in html
    assert "<em>twelfth hour</em>" in html
    assert "Translator&#x27;s note" in html
