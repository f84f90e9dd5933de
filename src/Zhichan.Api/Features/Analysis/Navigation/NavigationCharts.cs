using SkiaSharp;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>
/// Draws an analysis's chart as a PNG for the Word and PDF exports (SkiaSharp, with the CJK font of
/// <see cref="ZhichanOptions.ChartFontPath"/>): lines for trends, bars for rankings (horizontal when the labels are long), a pie
/// for shares; a co-applicant network is drawn as a ranking of its pairs. Null when the analysis has nothing to draw.
/// </summary>
public sealed class NavigationCharts(ZhichanOptions options)
{
    public const int Width = 1200, Height = 640;

    private static readonly SKColor[] Palette =
        [new(0x54, 0x70, 0xc6), new(0x91, 0xcc, 0x75), new(0xfa, 0xc8, 0x58), new(0xee, 0x66, 0x66), new(0x73, 0xc0, 0xde), new(0x3b, 0xa2, 0x72),
         new(0xfc, 0x84, 0x52), new(0x9a, 0x60, 0xb4)];

    private readonly Lazy<SKTypeface> _face = new(() =>
        File.Exists(options.ChartFontPath) ? SKTypeface.FromFile(options.ChartFontPath) ?? SKTypeface.Default : SKTypeface.Default);

    public byte[]? Png(NavigationAnalysis a)
    {
        if (a.Series.Length == 0 || a.Categories.Length == 0) return null;
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(_face.Value, 22);
        using var small = new SKFont(_face.Value, 18);
        using var ink = new SKPaint { Color = new SKColor(0x30, 0x30, 0x30), IsAntialias = true };
        canvas.DrawText(a.Title, 24, 36, SKTextAlign.Left, font, ink);
        var labels = a.ChartType == "graph" ? a.Rows.Select(r => $"{r[0]}—{r[1]}").ToArray() : a.Categories;
        var series = a.ChartType == "graph" ? [a.Series[0]] : a.Series;
        switch (a.ChartType)
        {
            case "line":
                Lines(canvas, labels, series, small, ink);
                break;
            case "pie":
                Pie(canvas, labels, series[0], small, ink);
                break;
            default:
                if (labels.Any(l => l.Length > 6)) HorizontalBars(canvas, labels, series[0], small, ink);
                else Bars(canvas, labels, series, small, ink);
                break;
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 90);
        return png.ToArray();
    }

    private static string Num(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 ? ((long)v).ToString() : v.ToString("0.#");

    private static (float L, float T, float R, float B) Plot(float left = 90) => (left, 70, Width - 30, Height - 90);

    private static void Axes(SKCanvas canvas, (float L, float T, float R, float B) p, double max, SKFont font, SKPaint ink)
    {
        using var grid = new SKPaint { Color = new SKColor(0xe0, 0xe0, 0xe0), StrokeWidth = 1 };
        for (var i = 0; i <= 4; i++)
        {
            var y = p.B - (p.B - p.T) * i / 4;
            canvas.DrawLine(p.L, y, p.R, y, grid);
            canvas.DrawText(Num(max * i / 4), p.L - 8, y + 6, SKTextAlign.Right, font, ink);
        }
    }

    private static double Max(IEnumerable<NavigationSeries> series) => Math.Max(1, series.SelectMany(s => s.Data).DefaultIfEmpty(0).Max());

    private static void Legend(SKCanvas canvas, NavigationSeries[] series, SKFont font, SKPaint ink)
    {
        var x = 24f;
        for (var i = 0; i < series.Length; i++)
        {
            using var fill = new SKPaint { Color = Palette[i % Palette.Length], IsAntialias = true };
            canvas.DrawRect(x, Height - 34, 18, 18, fill);
            var name = series[i].Name.Length > 14 ? series[i].Name[..14] + "…" : series[i].Name;
            canvas.DrawText(name, x + 24, Height - 19, SKTextAlign.Left, font, ink);
            x += 44 + font.MeasureText(name);
        }
    }

    private static void XLabels(SKCanvas canvas, string[] labels, (float L, float T, float R, float B) p, SKFont font, SKPaint ink)
    {
        var step = (p.R - p.L) / labels.Length;
        var every = Math.Max(1, (int)Math.Ceiling(labels.Length * 70.0 / (p.R - p.L)));
        for (var i = 0; i < labels.Length; i += every)
            canvas.DrawText(labels[i], p.L + step * (i + 0.5f), p.B + 26, SKTextAlign.Center, font, ink);
    }

    private static void Lines(SKCanvas canvas, string[] labels, NavigationSeries[] series, SKFont font, SKPaint ink)
    {
        var p = Plot();
        var max = Max(series);
        Axes(canvas, p, max, font, ink);
        XLabels(canvas, labels, p, font, ink);
        var step = (p.R - p.L) / labels.Length;
        for (var s = 0; s < series.Length; s++)
        {
            using var pen = new SKPaint { Color = Palette[s % Palette.Length], StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke };
            using var dot = new SKPaint { Color = Palette[s % Palette.Length], IsAntialias = true };
            using var path = new SKPath();
            for (var i = 0; i < labels.Length && i < series[s].Data.Length; i++)
            {
                var x = p.L + step * (i + 0.5f);
                var y = p.B - (float)(series[s].Data[i] / max) * (p.B - p.T);
                if (i == 0) path.MoveTo(x, y); else path.LineTo(x, y);
                canvas.DrawCircle(x, y, 4, dot);
            }
            canvas.DrawPath(path, pen);
        }
        Legend(canvas, series, font, ink);
    }

    private static void Bars(SKCanvas canvas, string[] labels, NavigationSeries[] series, SKFont font, SKPaint ink)
    {
        var p = Plot();
        var max = Max(series);
        Axes(canvas, p, max, font, ink);
        XLabels(canvas, labels, p, font, ink);
        var step = (p.R - p.L) / labels.Length;
        var bar = step * 0.7f / series.Length;
        for (var s = 0; s < series.Length; s++)
        {
            using var fill = new SKPaint { Color = Palette[s % Palette.Length], IsAntialias = true };
            for (var i = 0; i < labels.Length && i < series[s].Data.Length; i++)
            {
                var h = (float)(Math.Max(0, series[s].Data[i]) / max) * (p.B - p.T);
                var x = p.L + step * i + step * 0.15f + bar * s;
                canvas.DrawRect(x, p.B - h, bar - 2, h, fill);
            }
        }
        if (series.Length > 1) Legend(canvas, series, font, ink);
    }

    private static void HorizontalBars(SKCanvas canvas, string[] labels, NavigationSeries s, SKFont font, SKPaint ink)
    {
        var n = Math.Min(labels.Length, 15);
        const float left = 420, top = 60, right = Width - 90, bottom = Height - 20;
        var max = Max([s]);
        var step = (bottom - top) / n;
        using var fill = new SKPaint { Color = Palette[0], IsAntialias = true };
        for (var i = 0; i < n && i < s.Data.Length; i++)
        {
            var y = top + step * i;
            var label = labels[i].Length > 22 ? labels[i][..22] + "…" : labels[i];
            canvas.DrawText(label, left - 10, y + step * 0.65f, SKTextAlign.Right, font, ink);
            var w = (float)(Math.Max(0, s.Data[i]) / max) * (right - left);
            canvas.DrawRect(left, y + step * 0.15f, w, step * 0.7f, fill);
            canvas.DrawText(Num(s.Data[i]), left + w + 6, y + step * 0.65f, SKTextAlign.Left, font, ink);
        }
    }

    private static void Pie(SKCanvas canvas, string[] labels, NavigationSeries s, SKFont font, SKPaint ink)
    {
        var total = s.Data.Where(v => v > 0).Sum();
        if (total <= 0) return;
        var rect = new SKRect(80, 80, 80 + 480, 80 + 480);
        var start = -90f;
        for (var i = 0; i < s.Data.Length && i < labels.Length; i++)
        {
            var sweep = (float)(360 * Math.Max(0, s.Data[i]) / total);
            using var fill = new SKPaint { Color = Palette[i % Palette.Length], IsAntialias = true };
            canvas.DrawArc(rect, start, sweep, true, fill);
            start += sweep;
            canvas.DrawRect(640, 100 + i * 40, 22, 22, fill);
            canvas.DrawText($"{labels[i]}  {Num(s.Data[i])}（{100 * s.Data[i] / total:0.0}%）", 672, 118 + i * 40, SKTextAlign.Left, font, ink);
        }
    }
}
