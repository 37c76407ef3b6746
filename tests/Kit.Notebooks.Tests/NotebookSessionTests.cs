using Kit.Core;
using Kit.Notebooks.Execution;

namespace Kit.Notebooks.Tests;

public class NotebookSessionTests
{
    [Fact]
    public void A_new_execution_session_announces_a_notebook_session()
    {
        var started = 0;
        void OnStarted() => Interlocked.Increment(ref started);
        NotebookSession.Started += OnStarted;
        try
        {
            _ = new ExecutionSession();
            Assert.True(Volatile.Read(ref started) >= 1);
        }
        finally
        {
            NotebookSession.Started -= OnStarted;
        }
    }
}
