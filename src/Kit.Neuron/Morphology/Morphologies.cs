namespace Kit.Neuron.Morphology;

/// <summary>
/// Ready-made morphologies: the catalog reconstruction (<see cref="Hay2011"/>, a file the user provides) and a
/// built-in synthetic L5PC-like cell that needs no file.
/// </summary>
public static class Morphologies
{
    /// <summary>Catalog name of the Hay et al. 2011 reconstruction (<c>data/morphologies/cell1.asc</c>).</summary>
    public const string Hay2011 = MorphologyCatalog.Hay2011;

    /// <summary>Loads the Hay 2011 reconstruction with the Hay template (see <see cref="Morphology.Load"/>).</summary>
    /// <exception cref="FileNotFoundException">cell1.asc is not in data/morphologies/ (the message says where to get it).</exception>
    public static Morphology LoadHay2011(string? root = null) =>
        MorphologyImport.FromNeurolucida(
            NeurolucidaReader.Read(MorphologyCatalog.Resolve(Hay2011, root))
        );

    /// <summary>
    /// A deterministic L5PC-like cell generated in code (no file, no random numbers), for notebooks and tests
    /// when cell1.asc is absent. Straight cables with a 3-D point every ≤ 10 µm and linearly tapering diameters,
    /// imported with the Hay template rules (children start at the parent's last point, nseg = 1 + 2·floor(L/40),
    /// two 30 µm × 1 µm stub axon sections):
    /// <list type="bullet">
    /// <item>soma: a 20 µm × 18 µm cylinder along y (area 1131.0 µm², close to cell1's 1131.4 µm²);</item>
    /// <item>basal: 8 trees (root 25 µm, 2 × 70 µm, 4 × 120 µm, lengths scaled 0.9/1.0/1.1 by tree), 56 sections,
    /// 5095.5 µm, 238 segments, 11129 µm²;</item>
    /// <item>apical: trunk of 10 × 100 µm to 1000 µm (diameter 3 → 1.6 µm) with 9 obliques (60 µm + 2 × 100 µm)
    /// at 100-900 µm and a tuft of three bifurcation levels (80, 100, 120 µm) whose tips are 1300 µm from the soma
    /// centre; 51 sections, 4860 µm, 249 segments, 14354 µm²;</item>
    /// <item>487 dendritic segments in total (dataset order: basal 0-237, then apical 238-486).</item>
    /// </list>
    /// </summary>
    public static Morphology Synthetic()
    {
        var soma = new[]
        {
            new Point3d(0, -10, 0, 18),
            new Point3d(0, 0, 0, 18),
            new Point3d(0, 10, 0, 18),
        };
        var roots = new List<RawSection>();
        double[] scale = [0.9, 1.0, 1.1];
        for (int k = 0; k < 8; k++)
        {
            double az = k * 45 + 10,
                f = scale[k % 3];
            var dir = Dir(az, -20);
            var start = new Point3d(9 * dir.X, 9 * dir.Y, 9 * dir.Z, 1.6);
            var root = Cable(SectionType.Basal, 0.5, start, dir, 25 * f, 1.6, 1.2);
            roots.Add(root);
            foreach (int s1 in new[] { -1, 1 })
            {
                var c1 = Child(root, SectionType.Basal, Dir(az + 25 * s1, -30), 70 * f, 1.0, 0.8);
                foreach (int s2 in new[] { -1, 1 })
                    Child(
                        c1,
                        SectionType.Basal,
                        Dir(az + 25 * s1 + 15 * s2, -40),
                        120 * f,
                        0.7,
                        0.5
                    );
            }
        }
        // apical trunk along +y from the soma's top, each trunk section's oblique is its first child
        var up = (X: 0.0, Y: 1.0, Z: 0.0);
        RawSection? trunk = null;
        for (int j = 0; j < 10; j++)
        {
            double d0 = 3.0 - 0.14 * j,
                d1 = 3.0 - 0.14 * (j + 1);
            trunk = trunk is null
                ? Cable(SectionType.Apical, 0.5, new Point3d(0, 10, 0, d0), up, 100, d0, d1)
                : Child(trunk, SectionType.Apical, up, 100, d0, d1);
            if (j == 0)
                roots.Add(trunk);
            if (j < 9)
            {
                double az = j * 100;
                var ob = Child(trunk, SectionType.Apical, Dir(az, 30), 60, 1.0, 0.8);
                foreach (int s in new[] { -1, 1 })
                    Child(ob, SectionType.Apical, Dir(az + 20 * s, 40), 100, 0.6, 0.4);
            }
        }
        foreach (int a in new[] { 0, 180 })
        {
            var t1 = Child(trunk!, SectionType.Apical, Dir(a, 55), 80, 1.2, 1.0);
            foreach (int s1 in new[] { -1, 1 })
            {
                var t2 = Child(t1, SectionType.Apical, Dir(a + 30 * s1, 60), 100, 0.8, 0.6);
                foreach (int s2 in new[] { -1, 1 })
                    Child(t2, SectionType.Apical, Dir(a + 30 * s1 + 15 * s2, 65), 120, 0.5, 0.4);
            }
        }
        return MorphologyImport.Assemble("synthetic", soma, roots, ImportOptions.HayTemplate);
    }

    private static (double X, double Y, double Z) Dir(double azimuthDeg, double elevationDeg)
    {
        double a = azimuthDeg * Math.PI / 180,
            e = elevationDeg * Math.PI / 180;
        return (Math.Cos(e) * Math.Cos(a), Math.Sin(e), Math.Cos(e) * Math.Sin(a));
    }

    /// <summary>A straight cable from <paramref name="start"/>, a point every ≤ 10 µm, diameter d0 → d1 (µm).</summary>
    private static RawSection Cable(
        SectionType type,
        double parentX,
        Point3d start,
        (double X, double Y, double Z) dir,
        double lengthUm,
        double d0,
        double d1
    )
    {
        int n = (int)Math.Ceiling(lengthUm / 10);
        var pts = new List<Point3d>(n + 1);
        for (int i = 0; i <= n; i++)
        {
            double f = (double)i / n;
            pts.Add(
                new Point3d(
                    start.XUm + f * lengthUm * dir.X,
                    start.YUm + f * lengthUm * dir.Y,
                    start.ZUm + f * lengthUm * dir.Z,
                    d0 + f * (d1 - d0)
                )
            );
        }
        return new RawSection(type, parentX, pts);
    }

    /// <summary>A child cable starting at the parent's last point (Import3d's prepended branch point).</summary>
    private static RawSection Child(
        RawSection parent,
        SectionType type,
        (double X, double Y, double Z) dir,
        double lengthUm,
        double d0,
        double d1
    )
    {
        var c = Cable(type, 1.0, parent.Points[^1].WithDiameter(d0), dir, lengthUm, d0, d1);
        // Import3d's rule: the branch point carries the child's own first diameter
        c.Points[0] = c.Points[0].WithDiameter(c.Points[1].DiameterUm);
        parent.Children.Add(c);
        return c;
    }
}
