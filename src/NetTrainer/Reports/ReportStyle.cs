namespace NetTrainer.Reports;

/// <summary>
/// The report's style sheet: system fonts only (nothing to fetch), charts laid out side by side. It contains no
/// '&lt;', '&gt;' or '&amp;', so it reads the same as HTML and as XML.
/// </summary>
public static class ReportStyle
{
    /// <summary>The style sheet, for a style element in the head.</summary>
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
               margin: 24px; color: #222; max-width: 1360px; }
        h1 { font-size: 24px; margin: 0 0 6px; }
        h2 { font-size: 18px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
        p { max-width: 1000px; line-height: 1.45; }
        p.lead { font-size: 15px; }
        p.note { font-size: 13px; color: #444; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
        svg.chart { background: #fff; border: 1px solid #e0e0e0; border-radius: 4px; max-width: 100%; height: auto; }
        text.title { font-size: 14px; font-weight: 600; fill: #222; }
        text.tick { font-size: 11px; fill: #555; }
        text.axis { font-size: 12px; fill: #333; }
        text.legend { font-size: 12px; fill: #222; }
        text.diverged { font-size: 18px; font-weight: 700; }
        line.grid { stroke: #ebebeb; }
        rect.frame { fill: none; stroke: #999; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #e5e5e5; text-align: right; white-space: nowrap; }
        th { background: #f4f4f4; font-weight: 600; }
        .text { text-align: left; }
        td.best { font-weight: 700; }
        tr.diverged td.status { color: #c00; font-weight: 600; }
        svg.swatch { margin-right: 8px; vertical-align: middle; }
        table.settings th { background: none; font-weight: 600; }
        pre { background: #f5f5f5; padding: 10px 12px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; }
        footer { margin-top: 32px; color: #777; font-size: 12px; }
        footer code { overflow-wrap: anywhere; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table.heatmap td.cell { min-width: 2.6em; text-align: center; }
        .gallery, .neuron-grid { display: flex; flex-wrap: wrap; gap: 10px; }
        figure.mistake { margin: 0; width: 128px; font-size: 12px; }
        figure.mistake img, figure.neuron img { image-rendering: pixelated; border: 1px solid #ccc; display: block; }
        figure.neuron { margin: 0; font-size: 11px; text-align: center; color: #555; }
        .bar { display: flex; align-items: center; gap: 4px; margin-top: 2px; }
        .bar-label { width: 1.2em; text-align: right; }
        .bar-track { flex: 1; height: 9px; background: #eee; }
        .bar-fill { display: block; height: 9px; background: #e66101; }
        .bar.truth .bar-fill { background: #2166ac; }
        .bar-value { width: 2.6em; text-align: right; }
        .label { font-weight: 600; margin-top: 3px; }
        p.stuck { border-left: 4px solid #c00; padding-left: 10px; }
        """;
}
