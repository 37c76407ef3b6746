using System.Numerics;

namespace Kit.Neuron.Data.NeuronIo;

// The allow-listed globals and what REDUCE and BUILD make of them: NumPy arrays, dtypes and scalars, nothing else.
public sealed partial class PickleReader
{
    /// <summary>
    /// The only globals a file may name. <c>numpy.core.multiarray._reconstruct</c> + <c>numpy.ndarray</c> (array
    /// skeleton filled by BUILD), <c>numpy.dtype</c> (element type), <c>numpy.core.multiarray.scalar</c> (NumPy
    /// scalars such as int64 spike times), and the <c>numpy._core</c> spellings NumPy ≥ 2 writes for the same two
    /// functions.
    /// </summary>
    public static IReadOnlyList<string> AllowedGlobals { get; } =
    [
        "numpy.core.multiarray._reconstruct",
        "numpy.core.multiarray.scalar",
        "numpy._core.multiarray._reconstruct",
        "numpy._core.multiarray.scalar",
        "numpy.ndarray",
        "numpy.dtype",
    ];

    private static readonly HashSet<string> Allowed = new(AllowedGlobals, StringComparer.Ordinal);

    private void Global()
    {
        var module = ReadLine();
        var name = ReadLine();
        var full = $"{module}.{name}";
        if (!Allowed.Contains(full))
            throw Error(
                $"pickle refers to {full}, which NeuronIO files never contain; refusing to load"
            );
        Push(new PickleGlobal(module, name));
    }

    private object Reduce(object? callable, object? argsObj)
    {
        if (callable is not PickleGlobal g)
            throw Error(
                $"REDUCE of a {Describe(callable)}; only allow-listed NumPy constructors may be called"
            );
        if (argsObj is not object?[] args)
            throw Error($"REDUCE of {g} with {Describe(argsObj)} arguments, expected a tuple");
        switch (g.Name)
        {
            case "_reconstruct":
                if (args.Length != 3 || args[0] is not PickleGlobal { Name: "ndarray" })
                    throw Error(
                        $"{g} called with unexpected arguments; only (numpy.ndarray, shape, typecode) is allowed"
                    );
                return new NumpyArray();
            case "scalar":
            {
                if (args.Length != 2 || args[0] is not NumpyDtype dt)
                    throw Error(
                        $"{g} called with unexpected arguments; expected (dtype, raw bytes)"
                    );
                Span<byte> raw = stackalloc byte[8];
                int n;
                switch (args[1])
                {
                    case string s when s.Length <= 8:
                        n = s.Length;
                        for (int i = 0; i < n; i++)
                            raw[i] = (byte)s[i]; // Latin-1: one char per byte
                        break;
                    case byte[] b when b.Length <= 8:
                        n = b.Length;
                        b.CopyTo(raw);
                        break;
                    case string or byte[]:
                        n = -1;
                        break;
                    default:
                        throw Error($"{g}: payload is a {Describe(args[1])}");
                }
                if (n != dt.ItemSize)
                    throw Error(
                        $"{g}: payload of the wrong size for dtype {dt} of {dt.ItemSize} bytes"
                    );
                return new NumpyScalar(dt, raw[..n]);
            }
            case "dtype":
            {
                if (args.Length is < 1 or > 3 || args[0] is not string code)
                    throw Error(
                        $"{g} called with unexpected arguments; expected (code, align, copy)"
                    );
                return NumpyDtype.TryParse(code)
                    ?? throw Error(
                        $"numpy dtype '{code}' is not a plain numeric type; NeuronIO files never contain it"
                    );
            }
            default:
                throw Error(
                    $"REDUCE of {g} is not allowed (it may only appear as an argument of _reconstruct)"
                );
        }
    }

    private void Build(object? target, object? stateObj)
    {
        if (stateObj is not object?[] state)
            throw Error($"BUILD with {Describe(stateObj)} state, expected a tuple");
        switch (target)
        {
            case NumpyDtype dt:
                // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
                if (
                    state.Length is < 8 or > 9
                    || state[1] is not string order
                    || state[2] != null
                    || state[3] != null
                )
                    throw Error("numpy dtype state is not that of a plain numeric dtype");
                if (order is not ("<" or ">" or "|" or "="))
                    throw Error($"numpy dtype byte order '{order}' is not one of < > | =");
                dt.BigEndian = order == ">";
                dt.Built = true;
                break;
            case NumpyArray arr:
            {
                // (version, shape, dtype, is_fortran, raw data)
                if (
                    state.Length != 5
                    || state[1] is not object?[] shapeObj
                    || state[2] is not NumpyDtype adt
                )
                    throw Error("numpy array state is not (version, shape, dtype, fortran, data)");
                if (state[3] is true or 1L)
                    throw Error(
                        "Fortran-ordered numpy arrays are not supported (NeuronIO arrays are C-ordered)"
                    );
                var shape = new long[shapeObj.Length];
                long count = 1;
                for (int i = 0; i < shape.Length; i++)
                {
                    if (shapeObj[i] is not long n || n < 0)
                        throw Error($"numpy array shape entry {i} is {Describe(shapeObj[i])}");
                    shape[i] = n;
                    count = checked(count * n);
                }
                var raw =
                    PickleStrings.AsBytes(state[4])
                    ?? throw Error(
                        $"numpy array data is a {Describe(state[4])} (object arrays are not supported)"
                    );
                if (raw.Length != count * adt.ItemSize)
                    throw Error(
                        $"numpy array of shape ({string.Join(", ", shape)}) and dtype {adt} needs "
                            + $"{count * adt.ItemSize} bytes, the file holds {raw.Length}"
                    );
                arr.Dtype = adt;
                arr.Shape = shape;
                arr.Raw = raw;
                break;
            }
            default:
                throw Error(
                    $"BUILD on a {Describe(target)}; only numpy arrays and dtypes take a state"
                );
        }
    }

    private static string Describe(object? o) =>
        o switch
        {
            null => "None",
            string => "str",
            byte[] => "bytes",
            long or BigInteger => "int",
            double => "float",
            bool => "bool",
            object?[] => "tuple",
            PickleList => "list",
            PickleDict => "dict",
            PickleGlobal g => g.ToString(),
            _ => o.GetType().Name,
        };
}
