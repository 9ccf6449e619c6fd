import re

from ..charts import Point, bar_chart, line_chart, nice_ceiling, number


def test_number_is_written_the_german_way():
    assert [number(v) for v in (1234.5, 12500, 0.25, 3)] == ["1.234,5", "12.500", "0,25", "3"]


def test_nice_ceiling_rounds_the_axis_up():
    assert [nice_ceiling(v) for v in (0, 7, 13, 240, 2600)] == [1, 10, 20, 250, 5000]


def test_line_chart_is_named_and_described_for_screen_readers():
    svg = line_chart("Budget <2024>", [Point("2023", 10), Point("2024", 12.5)], unit="Euro")
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    title_id, desc_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    assert f'<title id="{title_id}">Budget &lt;2024&gt;</title>' in svg
    assert f'<desc id="{desc_id}">2023: 10 Euro; 2024: 12,5 Euro</desc>' in svg
    assert svg.count("<circle") == 2
    assert "<script" not in svg


def test_bar_chart_highlights_the_own_bar_and_escapes_labels():
    svg = bar_chart("Vergleich", [Point("Median", 35), Point("<b>Ahausen</b>", 40, True)])
    assert svg.count('class="impact-chart__bar--own"') == 1
    assert "&lt;b&gt;Ahausen&lt;/b&gt;" in svg
    assert "<b>" not in svg
