namespace CallSync.Configuration;

/// <summary>
/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive: "AutoAnwser" is
/// one edit from "AutoAnswer".
/// </summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        var rows = a.Length + 1;
        var columns = b.Length + 1;
        var d = new int[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j < columns; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i < rows; i++)
        {
            for (var j = 1; j < columns; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 2])
                    && char.ToUpperInvariant(a[i - 2]) == char.ToUpperInvariant(b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
