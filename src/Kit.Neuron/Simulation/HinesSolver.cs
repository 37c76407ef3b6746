namespace Kit.Neuron.Simulation;

/// <summary>
/// Hines' O(N) direct solve of a tree-structured linear system (docs/numerical-method.md, "Hines algorithm"), for many
/// independent lanes at once.
/// Node k &gt; 0 couples only to its parent p(k) &lt; k with the symmetric off-diagonal entry <c>−g[k]</c>.
/// Layout: <c>d</c> and <c>rhs</c> are [node × lane] (index <c>node·lanes + lane</c>); on return rhs holds the
/// solution and d is overwritten (with reciprocals of the eliminated diagonal).
/// </summary>
public static class HinesSolver
{
    /// <summary>Solves in place; <paramref name="parent"/> and <paramref name="offDiagonal"/> are per node (entry 0 unused).</summary>
    /// <param name="parent">Parent node of each node, smaller than the node (−1 for the root).</param>
    /// <param name="offDiagonal">Off-diagonal entry between node k and its parent (for the cable: −g, µS).</param>
    /// <param name="d">Diagonal [node × lane]; destroyed.</param>
    /// <param name="rhs">Right-hand side [node × lane]; replaced by the solution.</param>
    /// <param name="lanes">Number of lanes.</param>
    public static void Solve(
        ReadOnlySpan<int> parent,
        ReadOnlySpan<double> offDiagonal,
        Span<double> d,
        Span<double> rhs,
        int lanes
    )
    {
        int nodes = parent.Length;
        if (d.Length != nodes * lanes || rhs.Length != nodes * lanes)
            throw new ArgumentException(
                $"d ({d.Length}) and rhs ({rhs.Length}) must both have nodes·lanes = {nodes}·{lanes} entries"
            );
        // Triangularisation, leaves to root.
        for (int k = nodes - 1; k >= 1; k--)
        {
            int p = parent[k];
            double a = offDiagonal[k];
            int ok = k * lanes,
                op = p * lanes;
            for (int l = 0; l < lanes; l++)
            {
                // d[k] is final here: keep its reciprocal for the back substitution (one division per node).
                double inv = 1 / d[ok + l];
                d[ok + l] = inv;
                double f = a * inv;
                d[op + l] -= f * a;
                rhs[op + l] -= f * rhs[ok + l];
            }
        }
        for (int l = 0; l < lanes; l++)
            rhs[l] /= d[l];
        // Back substitution, root to leaves.
        for (int k = 1; k < nodes; k++)
        {
            int p = parent[k];
            double a = offDiagonal[k];
            int ok = k * lanes,
                op = p * lanes;
            for (int l = 0; l < lanes; l++)
                rhs[ok + l] = (rhs[ok + l] - a * rhs[op + l]) * d[ok + l];
        }
    }
}
