using System.Globalization;

namespace CallSync.Web.Charts;

/// <summary>The arithmetic of the SVG charts: a round axis maximum, and numbers written for SVG attributes.</summary>
public static class ChartScale
{
    /// <summary>The smallest 1, 2 or 5 times a power of ten at or above <paramref name="max"/> (1 for nothing).</summary>
    public static double NiceMax(double max)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            if (step * power >= max)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    /// <summary>Label every n-th of <paramref name="count"/> bars so that at most <paramref name="labels"/> show.</summary>
    public static int LabelEvery(int count, int labels) => Math.Max(1, (int)Math.Ceiling(count / (double)Math.Max(1, labels)));

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
