namespace Kit.Learning.Training;

/// <summary>One training working set a fit loaded (<see cref="FitResult.WorkingSets"/>), in the order they were used.</summary>
/// <param name="Index">
/// Working-set index: rounds [Index x WorkingSetRounds, (Index + 1) x WorkingSetRounds) train on it. 0 for a training
/// set that fits the budget whole and stays resident.
/// </param>
/// <param name="FirstRound">The first round trained on it in this call (a resumed fit starts mid-set).</param>
/// <param name="Blocks">Names of its blocks, in source order.</param>
/// <param name="Simulations">Simulations it holds.</param>
/// <param name="ResidentBytes">Their resident size (bytes, <c>InMemorySource.ResidentBytes</c>).</param>
/// <param name="LoadSeconds">Wall-clock time spent reading it (on the background thread when prefetched).</param>
/// <param name="WaitSeconds">Time training waited for it (the load time, or what was left of a prefetch).</param>
/// <param name="AllResident">It is the whole training set, loaded once and never reloaded.</param>
public sealed record WorkingSetLoad(
    int Index,
    int FirstRound,
    IReadOnlyList<string> Blocks,
    int Simulations,
    long ResidentBytes,
    double LoadSeconds,
    double WaitSeconds,
    bool AllResident
);
