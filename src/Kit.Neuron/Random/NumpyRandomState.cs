using System.Runtime.CompilerServices;

namespace Kit.Neuron.Random;

/// <summary>
/// A port of NumPy's legacy <c>numpy.random.RandomState</c> (the generator behind <c>np.random.seed</c> and the
/// <c>np.random.*</c> functions): MT19937 with NumPy's seeding, and the legacy algorithms for the draws the kit
/// needs. Same seed, same calls, same numbers as NumPy, bit for bit (up to the platform's <c>log</c>).
/// </summary>
/// <remarks>
/// Not thread-safe: one instance per stream. Array draws fill spans in C (row-major) order, as NumPy does.
/// Sources: NumPy <c>random/src/mt19937</c> (init_genrand, init_by_array), <c>legacy-distributions.c</c>,
/// <c>distributions.c</c> (random_bounded_uint64, masked rejection).
/// </remarks>
public sealed class NumpyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;

    private readonly uint[] mt = new uint[N];
    private readonly uint[] tempered = new uint[N];
    private int pos;

    /// <summary>Seeds like <c>np.random.seed(seed)</c> / <c>RandomState(seed)</c> with an integer seed (init_genrand).</summary>
    public NumpyRandomState(uint seed) => Seed(seed);

    /// <summary>Seeds like <c>RandomState([k0, k1, ...])</c> with a sequence of 32-bit words (init_by_array).</summary>
    public NumpyRandomState(ReadOnlySpan<uint> key) => SeedByArray(key);

    /// <summary>Re-seeds with an integer seed, as <c>np.random.seed(seed)</c> (MT19937 init_genrand).</summary>
    public void Seed(uint seed)
    {
        mt[0] = seed;
        for (int i = 1; i < N; i++)
            mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint)i;
        pos = N;
    }

    /// <summary>Re-seeds with an array of 32-bit words, as <c>np.random.seed([k0, k1, ...])</c> (MT19937 init_by_array).</summary>
    public void SeedByArray(ReadOnlySpan<uint> key)
    {
        if (key.IsEmpty)
            throw new ArgumentException("seed key must hold at least one word", nameof(key));
        Seed(19650218u);
        int i = 1,
            j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.Length)
                j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N)
            {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000u;
        pos = N;
    }

    /// <summary>The next raw 32-bit output of MT19937 (tempered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        var buf = tempered;
        int i = pos;
        if ((uint)i < (uint)buf.Length)
        {
            pos = i + 1;
            return buf[i];
        }
        Reload();
        pos = 1;
        return buf[0];
    }

    // Twists the state and tempers all 624 outputs at once (the same sequence as tempering one at a time).
    private void Reload()
    {
        int kk;
        uint y;
        for (kk = 0; kk < N - M; kk++)
        {
            y = (mt[kk] & UpperMask) | (mt[kk + 1] & LowerMask);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ ((y & 1u) != 0 ? MatrixA : 0u);
        }
        for (; kk < N - 1; kk++)
        {
            y = (mt[kk] & UpperMask) | (mt[kk + 1] & LowerMask);
            mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 1u) != 0 ? MatrixA : 0u);
        }
        y = (mt[N - 1] & UpperMask) | (mt[0] & LowerMask);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ ((y & 1u) != 0 ? MatrixA : 0u);
        for (int i = 0; i < N; i++)
        {
            y = mt[i];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680u;
            y ^= (y << 15) & 0xefc60000u;
            y ^= y >> 18;
            tempered[i] = y;
        }
    }

    /// <summary><c>random_sample()</c> / <c>rand()</c>: a double in [0, 1) with 53 random bits, built from two 32-bit draws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double RandomSample()
    {
        uint a = NextUInt32() >> 5,
            b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>Fills <paramref name="dest"/> with <see cref="RandomSample()"/> draws in order (<c>rand(*shape)</c> in C order).</summary>
    public void RandomSample(Span<double> dest)
    {
        for (int i = 0; i < dest.Length; i++)
            dest[i] = RandomSample();
    }

    /// <summary>
    /// Legacy <c>randint(n)</c>: an integer in [0, n) by masked rejection sampling on 32-bit draws
    /// (mask = smallest 2^k − 1 ≥ n − 1; draws above n − 1 are rejected).
    /// </summary>
    public int RandInt(int n)
    {
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(n), n, "high must be > 0");
        uint rng = (uint)(n - 1);
        if (rng == 0)
            return 0;
        uint mask = rng;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint val;
        while ((val = NextUInt32() & mask) > rng) { }
        return (int)val;
    }

    /// <summary>Legacy <c>uniform(low, high)</c> = <c>low + (high − low)·U</c>, U = <see cref="RandomSample()"/>; high &lt; low is allowed, as in NumPy.</summary>
    public double Uniform(double low, double high)
    {
        double range = high - low;
        return low + range * RandomSample();
    }

    /// <summary>Legacy <c>standard_exponential()</c> = <c>−log(1 − U)</c>.</summary>
    public double StandardExponential() => -Math.Log(1.0 - RandomSample());

    /// <summary>Legacy <c>exponential(scale)</c> = <c>scale · standard_exponential()</c> (scale is the mean).</summary>
    public double Exponential(double scale) => scale * StandardExponential();
}
