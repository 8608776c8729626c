namespace CallSync.Web.Charts;

/// <summary>One stacked series: its name (legend), CSS colour and value per bar.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);
