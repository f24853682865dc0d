"""The report's stylesheet (inlined into the page: no external files, no web fonts)."""

from __future__ import annotations

__all__ = ["CSS"]

#: Inline CSS of the report. Sentiment colours are colour-blind safe (blue/orange family).
CSS = """
:root {
  --ink: #1d2433; --muted: #5b6475; --faint: #8a93a5; --line: #e3e6ec; --bg: #f5f6f8;
  --card: #ffffff; --accent: #23395d;
  --neg: #c8553d; --neu: #b9bfca; --pos: #2a7f8f; --ns: #7d8595;
  --neg-soft: #fbe6e1; --pos-soft: #dff0f2;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0; color: var(--ink); font: 14px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, "Noto Sans", "Liberation Sans", sans-serif; -webkit-font-smoothing: antialiased; }
header.top { background: var(--accent); color: #fff; padding: 28px 0 24px; }
header.top h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
header.top p { margin: 0; color: #c9d3e3; font-size: 13px; }
.wrap { max-width: 1040px; margin: 0 auto; padding: 0 24px; }
nav.toc { background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 2; }
nav.toc a { display: inline-block; padding: 10px 12px 9px; color: var(--muted); text-decoration: none;
  font-size: 13px; border-bottom: 2px solid transparent; }
nav.toc a:hover { color: var(--accent); border-bottom-color: var(--accent); }
main { padding: 20px 0 40px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 22px 26px;
  margin: 0 0 20px; }
section h2 { margin: 0 0 4px; font-size: 19px; font-weight: 650; }
section h3 { margin: 22px 0 8px; font-size: 15px; font-weight: 620; }
p.lede { margin: 0 0 16px; color: var(--muted); }
.muted { color: var(--faint); fill: var(--faint); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 14px; margin: 8px 0 18px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; background: #fbfbfc; }
.card .k { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.card .v { font-size: 30px; font-weight: 680; line-height: 1.15; margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
.card .s { font-size: 12.5px; color: var(--muted); }
.split { display: flex; height: 12px; border-radius: 6px; overflow: hidden; margin: 10px 0 6px; background: var(--line); }
.split span { display: block; height: 100%; }
.split .neg, .sw.neg { background: var(--neg); } .split .neu, .sw.neu { background: var(--neu); }
.split .pos, .sw.pos { background: var(--pos); }
.keys { font-size: 12.5px; color: var(--muted); }
.keys span { margin-right: 12px; white-space: nowrap; }
.sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
ul.findings { margin: 6px 0 0; padding-left: 20px; }
ul.findings li { margin: 4px 0; }
svg.chart { width: 100%; height: auto; display: block; margin: 6px 0 4px; font-size: 12px;
  font-family: inherit; }
svg.chart text { fill: var(--ink); }
svg.chart text.tick, svg.chart text.note, svg.chart text.legend { fill: var(--muted); font-size: 11.5px; }
svg.chart text.muted { fill: var(--faint); font-style: italic; }
svg.chart text.axis-label, svg.chart text.ref-label { fill: var(--muted); font-size: 11.5px; }
svg.chart text.move { font-size: 11.5px; font-weight: 650; }
svg.chart text.move.pos { fill: var(--pos); } svg.chart text.move.neg { fill: var(--neg); }
svg.chart rect.neg { fill: var(--neg); } svg.chart rect.neu { fill: var(--neu); } svg.chart rect.pos { fill: var(--pos); }
svg.chart rect.band { fill: #f7f8fa; }
svg.chart line.axis { stroke: var(--ink); stroke-width: 1.2; }
svg.chart line.grid { stroke: var(--line); stroke-width: 1; }
svg.chart line.ref { stroke: var(--ink); stroke-width: 1.2; stroke-dasharray: 4 3; }
svg.chart g.ci line { stroke-width: 2; stroke: var(--ns); }
svg.chart g.ci.neg line { stroke: var(--neg); } svg.chart g.ci.pos line { stroke: var(--pos); }
svg.chart g.ci.small line { stroke: var(--faint); stroke-dasharray: 3 2; stroke-width: 1.4; }
svg.chart circle.pt { fill: var(--ns); stroke: #fff; stroke-width: 1.5; }
svg.chart circle.pt.neg { fill: var(--neg); } svg.chart circle.pt.pos { fill: var(--pos); }
svg.chart circle.pt.small { fill: #fff; stroke: var(--faint); stroke-width: 1.6; }
svg.chart polygon.band-ci { fill: var(--accent); opacity: .10; }
svg.chart polyline.line { fill: none; stroke: var(--accent); stroke-width: 2; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 8px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em;
  border-bottom: 1.5px solid #cfd4dc; }
td.num, th.num { text-align: right; }
table.heat td.num { min-width: 58px; }
.tag { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11.5px; font-weight: 600;
  line-height: 18px; }
.tag.neg { background: var(--neg-soft); color: #9a3a26; } .tag.pos { background: var(--pos-soft); color: #1d5f6b; }
.tag.neu { background: #eceef2; color: var(--muted); } .tag.small { background: #f1f2f5; color: var(--faint); }
.up { color: var(--pos); font-weight: 600; } .down { color: var(--neg); font-weight: 600; }
.quotes { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 14px; }
.theme-quotes { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.theme-quotes h3 { margin: 0 0 8px; font-size: 14px; }
blockquote { margin: 0 0 10px; padding: 8px 12px; border-left: 3px solid var(--neu); background: #fafbfc;
  border-radius: 0 6px 6px 0; font-size: 13.5px; overflow-wrap: anywhere; }
blockquote.neg { border-left-color: var(--neg); } blockquote.pos { border-left-color: var(--pos); }
blockquote .meta { display: block; margin-top: 4px; font-size: 11.5px; color: var(--faint); }
mark { background: #fff0b3; color: inherit; padding: 0 1px; border-radius: 2px; }
blockquote.neg mark { background: var(--neg-soft); box-shadow: inset 0 -2px 0 var(--neg); }
blockquote.pos mark { background: var(--pos-soft); box-shadow: inset 0 -2px 0 var(--pos); }
dl.notes { display: grid; grid-template-columns: 190px 1fr; gap: 6px 18px; margin: 8px 0; font-size: 13px; }
dl.notes dt { color: var(--muted); font-weight: 600; } dl.notes dd { margin: 0; }
.warn { background: #fff7e6; border: 1px solid #f3d9a4; border-radius: 6px; padding: 8px 12px; font-size: 13px; }
.empty { color: var(--faint); font-style: italic; }
footer { color: var(--faint); font-size: 12px; text-align: center; padding: 8px 0 28px; }
@media print {
  html { background: #fff; } nav.toc { display: none; }
  section { break-inside: avoid; border: none; padding: 0 0 12px; }
  header.top { background: #fff; color: var(--ink); } header.top p { color: var(--muted); }
}
"""
