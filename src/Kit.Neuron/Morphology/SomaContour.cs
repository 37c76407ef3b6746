using MathNet.Numerics.LinearAlgebra;

namespace Kit.Neuron.Morphology;

/// <summary>
/// NEURON Import3d's <c>contour2centroid</c> (spec 04 §3): a closed soma outline becomes a stack of 21 frusta
/// along its principal axis.
/// </summary>
public static class SomaContour
{
    /// <summary>Number of perimeter resampling points.</summary>
    public const int ResamplePoints = 101;

    /// <summary>Number of 3-D points of the resulting soma section.</summary>
    public const int SomaPoints = 21;

    /// <summary>Converts an outline (µm; closed by appending its first point if needed) into 21 soma points.</summary>
    /// <exception cref="ArgumentException">Fewer than three distinct points, or a degenerate outline.</exception>
    public static Point3d[] ToCentroidPoints(IReadOnlyList<Point3d> contour)
    {
        if (contour.Count < 3)
            throw new ArgumentException("a soma contour needs at least three points", nameof(contour));
        var raw = contour.ToList();
        if (raw[0].XUm != raw[^1].XUm || raw[0].YUm != raw[^1].YUm || raw[0].ZUm != raw[^1].ZUm)
            raw.Add(raw[0]);

        // 1. resample at 101 points equally spaced in x-y perimeter, centre = their mean
        var perim = new double[raw.Count];
        for (int i = 1; i < raw.Count; i++)
            perim[i] = perim[i - 1] + Math.Sqrt(Sq(raw[i].XUm - raw[i - 1].XUm) + Sq(raw[i].YUm - raw[i - 1].YUm));
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
            p[k] = [a.XUm + f * (b.XUm - a.XUm), a.YUm + f * (b.YUm - a.YUm), a.ZUm + f * (b.ZUm - a.ZUm)];
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
        var minor = evd.EigenVectors.Column(order[1]).ToArray();
        minor[2] = 0;
        double mn = Math.Sqrt(minor[0] * minor[0] + minor[1] * minor[1]);
        if (!(mn > 0))
            throw new ArgumentException("the soma contour has no in-plane minor axis", nameof(contour));
        minor[0] /= mn;
        minor[1] /= mn;

        // 3. positions along the major axis, offsets along the minor axis; split into two monotonic sides
        var d = p.Select(q => Dot(q, major)).ToArray();
        var r0 = p.Select(q => Dot(q, minor)).ToArray();
        int n = ResamplePoints - 1; // the last resampled point repeats the first
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
        for (int i = imin; ; i = (i - 1 + n) % n)
        {
            side2.Add((d[i], r0[i]));
            if (i == imax)
                break;
        }
        side1 = Monotonic(side1);
        side2 = Monotonic(side2);

        // 4. 21 positions from the second-smallest to the second-largest position
        var sorted = d.Take(n).Order().ToArray();
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
