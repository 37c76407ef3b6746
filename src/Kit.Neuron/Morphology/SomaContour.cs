using MathNet.Numerics.LinearAlgebra;

namespace Kit.Neuron.Morphology;

/// <summary>
/// NEURON Import3d's <c>contour2centroid</c> (docs/l5pc/morphology.md, "The soma: contour to a stack of frusta"): a closed soma outline becomes a
/// stack of 21 frusta along its principal axis.
/// </summary>
public static class SomaContour
{
    /// <summary>Number of perimeter resampling points.</summary>
    public const int ResamplePoints = 101;

    /// <summary>Number of 3-D points of the resulting soma section.</summary>
    public const int SomaPoints = 21;

    /// <summary>
    /// Converts an outline (µm) into 21 soma points: resample the outline (first to last point) at 101 points
    /// equally spaced in x-y perimeter, centre = their mean; major axis = eigenvector of Σ p pᵀ with the largest
    /// eigenvalue (oriented with its largest component positive), minor = the middle one with z set to 0; split
    /// the 101-point cycle at the minimum and maximum major-axis position into side 1 (minimum → maximum) and
    /// side 2 (the rest, which holds the maximum but not the minimum), keep each side strictly increasing; sample
    /// 21 positions from the second-smallest to the second-largest position, diameter = |offset₁ − offset₂|;
    /// end diameters = mean of the two end values.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than three distinct points, or a degenerate outline.</exception>
    public static Point3d[] ToCentroidPoints(IReadOnlyList<Point3d> contour)
    {
        if (contour.Count < 3)
            throw new ArgumentException(
                "a soma contour needs at least three points",
                nameof(contour)
            );
        // As NEURON does (and as the soma table of docs/l5pc/morphology.md, "The soma: contour to a stack of frusta", requires), the outline is
        // resampled as an open polyline from its first to its last point; the closing edge is not added.
        var raw = contour.ToList();

        // 1. resample at 101 points equally spaced in x-y perimeter, centre = their mean
        var perim = new double[raw.Count];
        for (int i = 1; i < raw.Count; i++)
            perim[i] =
                perim[i - 1]
                + Math.Sqrt(Sq(raw[i].XUm - raw[i - 1].XUm) + Sq(raw[i].YUm - raw[i - 1].YUm));
        double total = perim[^1];
        if (!(total > 0))
            throw new ArgumentException("the soma contour has zero perimeter", nameof(contour));
        var p = new double[ResamplePoints][];
        int seg = 0;
        for (int k = 0; k < ResamplePoints; k++)
        {
            double s = total * k / (ResamplePoints - 1);
            while (seg < raw.Count - 2 && perim[seg + 1] < s)
                seg++;
            double span = perim[seg + 1] - perim[seg];
            double f = span > 0 ? (s - perim[seg]) / span : 0;
            var a = raw[seg];
            var b = raw[seg + 1];
            p[k] =
            [
                a.XUm + f * (b.XUm - a.XUm),
                a.YUm + f * (b.YUm - a.YUm),
                a.ZUm + f * (b.ZUm - a.ZUm),
            ];
        }
        var centre = new double[3];
        foreach (var q in p)
            for (int j = 0; j < 3; j++)
                centre[j] += q[j] / ResamplePoints;
        foreach (var q in p)
            for (int j = 0; j < 3; j++)
                q[j] -= centre[j];

        // 2. principal axes of sum p p^T
        var m = Matrix<double>.Build.Dense(3, 3);
        foreach (var q in p)
            for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                m[r, c] += q[r] * q[c];
        var evd = m.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, 3).OrderBy(i => evd.EigenValues[i].Real).ToArray();
        var major = evd.EigenVectors.Column(order[2]).ToArray();
        // orientation convention: the major axis' largest component is positive (cell1: soma runs along +x)
        int big = Enumerable.Range(0, 3).MaxBy(i => Math.Abs(major[i]));
        if (major[big] < 0)
            for (int i = 0; i < 3; i++)
                major[i] = -major[i];
        var minor = evd.EigenVectors.Column(order[1]).ToArray();
        minor[2] = 0;
        double mn = Math.Sqrt(minor[0] * minor[0] + minor[1] * minor[1]);
        if (!(mn > 0))
            throw new ArgumentException(
                "the soma contour has no in-plane minor axis",
                nameof(contour)
            );
        minor[0] /= mn;
        minor[1] /= mn;

        // 3. positions along the major axis, offsets along the minor axis; split into two monotonic sides
        var d = p.Select(q => Dot(q, major)).ToArray();
        var r0 = p.Select(q => Dot(q, minor)).ToArray();
        int n = ResamplePoints; // treated as a cycle of 101 distinct points
        int imin = 0,
            imax = 0;
        for (int i = 1; i < n; i++)
        {
            if (d[i] < d[imin])
                imin = i;
            if (d[i] > d[imax])
                imax = i;
        }
        var side1 = new List<(double D, double R)>();
        var side2 = new List<(double D, double R)>();
        for (int i = imin; ; i = (i + 1) % n)
        {
            side1.Add((d[i], r0[i]));
            if (i == imax)
                break;
        }
        // side 2 runs from just before the minimum back to the maximum: the minimum belongs to side 1 only
        for (int i = (imin - 1 + n) % n; i != imin; i = (i - 1 + n) % n)
        {
            side2.Add((d[i], r0[i]));
            if (i == imax)
                break;
        }
        side1 = Monotonic(side1);
        side2 = Monotonic(side2);

        // 4. 21 positions from the second-smallest to the second-largest position
        var sorted = d.Order().ToArray();
        double lo = sorted[1],
            hi = sorted[^2];
        var pts = new Point3d[SomaPoints];
        for (int k = 0; k < SomaPoints; k++)
        {
            double t = lo + (hi - lo) * k / (SomaPoints - 1);
            double diam = Math.Abs(Interp(side1, t) - Interp(side2, t));
            pts[k] = new Point3d(
                centre[0] + t * major[0],
                centre[1] + t * major[1],
                centre[2] + t * major[2],
                diam
            );
        }
        // 5. end diameters: mean of the two end points
        pts[0] = pts[0].WithDiameter(0.5 * (pts[0].DiameterUm + pts[1].DiameterUm));
        pts[^1] = pts[^1].WithDiameter(0.5 * (pts[^1].DiameterUm + pts[^2].DiameterUm));
        return pts;
    }

    private static List<(double D, double R)> Monotonic(List<(double D, double R)> side)
    {
        var kept = new List<(double D, double R)> { side[0] };
        for (int i = 1; i < side.Count; i++)
            if (side[i].D > kept[^1].D)
                kept.Add(side[i]);
        return kept;
    }

    private static double Interp(List<(double D, double R)> side, double t)
    {
        if (t <= side[0].D)
            return side[0].R;
        for (int i = 1; i < side.Count; i++)
            if (t <= side[i].D)
            {
                var (d0, r0) = side[i - 1];
                var (d1, r1) = side[i];
                return r0 + (r1 - r0) * (t - d0) / (d1 - d0);
            }
        return side[^1].R;
    }

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

    private static double Sq(double v) => v * v;
}
