namespace Kit.Neuron.Inputs;

/// <summary>What <see cref="KMeans.Fit"/> returns.</summary>
/// <param name="Clusters">K.</param>
/// <param name="Labels">Cluster of each point (0 … K − 1), canonical order (see <see cref="KMeans.Fit"/>).</param>
/// <param name="Inertia">Sum of squared distances of the points to their cluster means (feature units²).</param>
public sealed record KMeansResult(int Clusters, IReadOnlyList<int> Labels, double Inertia);
