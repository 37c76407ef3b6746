namespace Kit.Figures;

/// <summary>A time range drawn by a panel (ms), as a record so configs serialise it and notebooks tweak it.</summary>
/// <param name="FromMs">Start (ms).</param>
/// <param name="ToMs">End (ms), after <paramref name="FromMs"/>.</param>
public sealed record TimeWindow(double FromMs, double ToMs)
{
    /// <summary>The window as the (From, To) pair the panels take; throws when it is empty.</summary>
    public (double From, double To) ToRange() =>
        ToMs > FromMs
            ? (FromMs, ToMs)
            : throw new ArgumentException(
                $"time window ({FromMs}, {ToMs}) ms is empty: ToMs must exceed FromMs"
            );
}
