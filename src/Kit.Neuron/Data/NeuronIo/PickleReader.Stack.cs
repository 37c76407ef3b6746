using System.Numerics;

namespace Kit.Neuron.Data.NeuronIo;

// The VM's storage: the value stack with its MARKs, and the memo (with the release of handed-over records).
public sealed partial class PickleReader
{
    private void Push(object? v)
    {
        if (stack.Count >= options.MaxStackItems)
            throw Error(
                $"more than {options.MaxStackItems} values on the pickle stack; refusing (nesting too deep)"
            );
        stack.Add(v);
    }

    private object? Pop()
    {
        int floor = marks.Count > 0 ? marks.Peek() : 0;
        if (stack.Count <= floor)
            throw Error("stack underflow (opcode needs a value that is not there)");
        var v = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return v;
    }

    private object? Peek()
    {
        int floor = marks.Count > 0 ? marks.Peek() : 0;
        if (stack.Count <= floor)
            throw Error("stack underflow (opcode needs a value that is not there)");
        return stack[^1];
    }

    private List<object?> PopMark()
    {
        if (marks.Count == 0)
            throw Error("no MARK on the stack");
        int m = marks.Pop();
        var items = stack.GetRange(m, stack.Count - m);
        stack.RemoveRange(m, stack.Count - m);
        return items;
    }

    private PickleList AsList(object? o, string op) =>
        o as PickleList ?? throw Error($"{op} to a {Describe(o)}, not a list");

    private PickleDict AsDict(object? o, string op) =>
        o as PickleDict ?? throw Error($"{op} on a {Describe(o)}, not a dict");

    private object Key(object? k) =>
        k switch
        {
            string or long or double or bool or NumpyScalar or BigInteger => k,
            _ => throw Error($"dict key of type {Describe(k)} is not supported"),
        };

    private void Put(long index)
    {
        var v = Peek();
        memo[index] = v;
        released.Remove(index);
        if (options.OnDictFilled != null)
            recentMemo.Add(index);
    }

    private void Get(long index)
    {
        if (memo.TryGetValue(index, out var v))
            Push(v);
        else if (released.Contains(index))
            throw Error(
                $"memo entry {index} refers to a record that was already handed over and released; "
                    + "the file does not have the NeuronIO layout"
            );
        else
            throw Error($"memo entry {index} was never stored");
    }

    private void Filled(PickleDict d)
    {
        if (options.OnDictFilled is not { } hook)
            return;
        var replacement = hook(d);
        if (replacement == null)
            return;
        stack[^1] = replacement;
        foreach (var index in recentMemo)
        {
            if (memo.TryGetValue(index, out var v) && !KeepInMemo(v))
            {
                memo.Remove(index);
                released.Add(index);
            }
        }
        recentMemo.Clear();
    }

    private static bool KeepInMemo(object? v) =>
        v switch
        {
            PickleGlobal or NumpyDtype or null or bool or long or double => true,
            string s => s.Length <= 256 && s.All(c => c >= 0x20 && c < 0x7f),
            _ => false,
        };
}
