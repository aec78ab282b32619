using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory;

/// <summary>Information measures of joint laws given as arrays (spec markov-categories §4 B.7), in nats.</summary>
public static class JointInformation
{
    /// <summary>I(X; Y) = Σ J(x,y) ln(J(x,y) / (J(x)J(y))) for a joint law <c>joint[x][y]</c>.</summary>
    public static double MutualInformation(IReadOnlyList<double[]> joint)
    {
        var flat = Flatten(joint, nameof(joint));
        int m = joint[0].Length;
        var px = joint.Select(r => r.Sum()).ToArray();
        var py = Enumerable.Range(0, m).Select(y => joint.Sum(r => r[y])).ToArray();
        return Math.Max(0, -Laws.XLogX(px) - Laws.XLogX(py) + Laws.XLogX(flat));
    }

    /// <summary>I(X; Y | Z) = H(X,Z) + H(Y,Z) − H(X,Y,Z) − H(Z) for a joint law <c>joint[x][y][z]</c>.</summary>
    public static double ConditionalMutualInformation(double[][][] joint)
    {
        ArgumentNullException.ThrowIfNull(joint);
        int nx = joint.Length, ny = joint[0].Length, nz = joint[0][0].Length;
        var flat = new double[nx * ny * nz];
        var xz = new double[nx * nz];
        var yz = new double[ny * nz];
        var z = new double[nz];
        for (int x = 0; x < nx; x++)
        {
            if (joint[x].Length != ny) throw new ArgumentException($"joint[{x}] has {joint[x].Length} entries, expected {ny}.", nameof(joint));
            for (int y = 0; y < ny; y++)
            {
                if (joint[x][y].Length != nz) throw new ArgumentException($"joint[{x}][{y}] has {joint[x][y].Length} entries, expected {nz}.", nameof(joint));
                for (int k = 0; k < nz; k++)
                {
                    double v = joint[x][y][k];
                    flat[(x * ny + y) * nz + k] = v;
                    xz[x * nz + k] += v;
                    yz[y * nz + k] += v;
                    z[k] += v;
                }
            }
        }
        Laws.Check(flat, nameof(joint));
        return Math.Max(0, -Laws.XLogX(xz) - Laws.XLogX(yz) + Laws.XLogX(flat) + Laws.XLogX(z));
    }

    private static double[] Flatten(IReadOnlyList<double[]> joint, string name)
    {
        ArgumentNullException.ThrowIfNull(joint);
        if (joint.Count == 0) throw new ArgumentException("The joint law is empty.", name);
        int m = joint[0].Length;
        var flat = new double[joint.Count * m];
        for (int x = 0; x < joint.Count; x++)
        {
            if (joint[x].Length != m) throw new ArgumentException($"Row {x} of the joint law has {joint[x].Length} entries, expected {m}.", name);
            joint[x].CopyTo(flat, x * m);
        }
        Laws.Check(flat, name);
        return flat;
    }
}
