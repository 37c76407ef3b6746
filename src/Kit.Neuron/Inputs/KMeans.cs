using Kit.Neuron.Random;

namespace Kit.Neuron.Inputs;

/// <summary>
/// Deterministic K-means (Lloyd's algorithm, k-means++ seeding, several restarts) for the dendritic clustering
/// (<see cref="DendriticClustering"/>). Given the same points, K and seed the result is the same on every machine:
/// every random draw comes from one <see cref="NumpyRandomState"/> seeded by the seed, and the loops run in a
/// fixed order on one thread.
/// </summary>
public static class KMeans
{
    /// <summary>Clusters <paramref name="points"/> (n points of d features each) into <paramref name="k"/> clusters.</summary>
    /// <param name="points">The points, n × d (every row the same length d ≥ 1).</param>
    /// <param name="k">Number of clusters, 1 … n.</param>
    /// <param name="seed">Seed of the k-means++ draws (0 … 2^32 − 1).</param>
    /// <param name="restarts">Independent k-means++ starts; the one of lowest inertia is kept (ties: the first).</param>
    /// <param name="maxIterations">Lloyd iterations per start at most (it stops earlier when no point moves).</param>
    /// <returns>The labels, relabelled so that cluster 0 holds point 0 and each next label is the lowest point index
    /// of a cluster not yet numbered (so equal partitions give equal labels), and the inertia.</returns>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it).</exception>
    public static KMeansResult Fit(
        IReadOnlyList<double[]> points,
        int k,
        long seed,
        int restarts = 10,
        int maxIterations = 300
    )
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        if (n == 0)
            throw new ArgumentException("no points", nameof(points));
        int d = points[0].Length;
        if (d == 0 || points.Any(p => p.Length != d))
            throw new ArgumentException(
                "every point must have the same, non-zero number of features",
                nameof(points)
            );
        if (k < 1 || k > n)
            throw new ArgumentException($"k {k} must be in 1 … {n} (the points)", nameof(k));
        if (seed < 0 || seed > uint.MaxValue)
            throw new ArgumentException($"seed {seed} must be in 0 … 2^32 − 1", nameof(seed));
        if (restarts < 1)
            throw new ArgumentException($"restarts {restarts} must be ≥ 1", nameof(restarts));
        if (maxIterations < 1)
            throw new ArgumentException(
                $"maxIterations {maxIterations} must be ≥ 1",
                nameof(maxIterations)
            );

        var rng = new NumpyRandomState((uint)seed);
        int[]? best = null;
        double bestInertia = double.PositiveInfinity;
        for (int r = 0; r < restarts; r++)
        {
            var centroids = PlusPlus(points, k, rng);
            var (labels, inertia) = Lloyd(points, centroids, maxIterations);
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                best = labels;
            }
        }
        return new KMeansResult(k, Canonical(best!, k), bestInertia);
    }

    // k-means++: the first centre uniform, each next one with probability ∝ squared distance to the nearest centre.
    private static double[][] PlusPlus(IReadOnlyList<double[]> points, int k, NumpyRandomState rng)
    {
        int n = points.Count;
        var centroids = new double[k][];
        centroids[0] = (double[])points[rng.RandInt(n)].Clone();
        var nearest = new double[n];
        for (int i = 0; i < n; i++)
            nearest[i] = Distance2(points[i], centroids[0]);
        for (int c = 1; c < k; c++)
        {
            double total = nearest.Sum();
            int pick;
            if (total > 0)
            {
                double u = rng.RandomSample() * total;
                double cum = 0;
                pick = n - 1;
                for (int i = 0; i < n; i++)
                {
                    cum += nearest[i];
                    if (cum > u)
                    {
                        pick = i;
                        break;
                    }
                }
            }
            else
                // Every point sits on a centre already (fewer distinct points than k): any point will do.
                pick = rng.RandInt(n);
            centroids[c] = (double[])points[pick].Clone();
            for (int i = 0; i < n; i++)
                nearest[i] = Math.Min(nearest[i], Distance2(points[i], centroids[c]));
        }
        return centroids;
    }

    private static (int[] Labels, double Inertia) Lloyd(
        IReadOnlyList<double[]> points,
        double[][] centroids,
        int maxIterations
    )
    {
        int n = points.Count,
            k = centroids.Length,
            d = points[0].Length;
        var labels = new int[n];
        Array.Fill(labels, -1);
        var dist = new double[n];
        for (int iter = 0; iter < maxIterations; iter++)
        {
            bool moved = Assign(points, centroids, labels, dist);
            if (!moved)
                break;
            var counts = new int[k];
            foreach (var c in centroids)
                Array.Clear(c);
            for (int i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                var c = centroids[labels[i]];
                var p = points[i];
                for (int f = 0; f < d; f++)
                    c[f] += p[f];
            }
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    // An emptied cluster restarts on the point farthest from its centre, which is then taken
                    // out of the running so two empty clusters do not take the same point.
                    int far = Array.IndexOf(dist, dist.Max());
                    Array.Copy(points[far], centroids[c], d);
                    dist[far] = -1;
                    continue;
                }
                for (int f = 0; f < d; f++)
                    centroids[c][f] /= counts[c];
            }
        }
        Assign(points, centroids, labels, dist);
        return (labels, dist.Sum());
    }

    // Nearest centre of every point (ties: the lower index); true when any label changed.
    private static bool Assign(
        IReadOnlyList<double[]> points,
        double[][] centroids,
        int[] labels,
        double[] dist
    )
    {
        bool moved = false;
        for (int i = 0; i < points.Count; i++)
        {
            int bestC = 0;
            double bestD = double.PositiveInfinity;
            for (int c = 0; c < centroids.Length; c++)
            {
                double dd = Distance2(points[i], centroids[c]);
                if (dd < bestD)
                {
                    bestD = dd;
                    bestC = c;
                }
            }
            dist[i] = bestD;
            if (labels[i] != bestC)
            {
                labels[i] = bestC;
                moved = true;
            }
        }
        return moved;
    }

    private static double Distance2(double[] a, double[] b)
    {
        double s = 0;
        for (int f = 0; f < a.Length; f++)
        {
            double e = a[f] - b[f];
            s += e * e;
        }
        return s;
    }

    private static int[] Canonical(int[] labels, int k)
    {
        var map = new int[k];
        Array.Fill(map, -1);
        int next = 0;
        var result = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (map[labels[i]] < 0)
                map[labels[i]] = next++;
            result[i] = map[labels[i]];
        }
        return result;
    }
}
