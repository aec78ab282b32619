using LmOrganisms.Evolution;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Populations;

/// <summary>
/// Holds the .NET finalizer thread while members run concurrently, so that no TorchSharp <c>Scalar</c> (or tensor) is
/// finalized while another thread is passing it to libtorch. TorchSharp 0.107 creates a finalizable <c>Scalar</c> for
/// every implicit number conversion (<c>masked_fill(mask, float.NegativeInfinity)</c>, <c>x * scale</c>, its own
/// <c>add(other)</c> = <c>add(other, alpha: 1)</c>, …) and drops the last reference before the native call reads it; a
/// collection started by another thread can then free it mid-call ("Expected false to be true" in
/// <c>Scalar::toFloat</c>, or a silently wrong value). With the finalizer thread parked, collected scalars wait in the
/// finalization queue and are freed when the pause ends, after every worker has left native code.
/// </summary>
/// <remarks>
/// Process-wide and reference counted: nested or concurrent pauses share one parked finalizer. While a pause is active no
/// finalizer runs anywhere in the process (they run, in order, afterwards), so code inside must not call
/// <see cref="GC.WaitForPendingFinalizers"/>. Upstream fix in progress: dotnet/TorchSharp PR #1496.
/// </remarks>
internal sealed class FinalizerPause : IDisposable
{
    private static readonly Lock Gate = new();
    private static int holders;
    private static ManualResetEventSlim? release;
    private bool disposed;

    private FinalizerPause(bool active) => Active = active;

    /// <summary>True when the finalizer thread is parked (false only if it did not reach the blocker in time).</summary>
    public bool Active { get; }

    /// <summary>Parks the finalizer thread (or joins an existing pause); waits up to <paramref name="timeout"/> for it.</summary>
    public static FinalizerPause Enter(TimeSpan timeout)
    {
        lock (Gate)
        {
            if (holders > 0)
            {
                holders++;
                return new FinalizerPause(true);
            }
            var started = new ManualResetEventSlim(false);
            var gate = new ManualResetEventSlim(false);
            Park(started, gate);
            GC.Collect();
            if (!started.Wait(timeout))
            {
                // The finalizer thread is busy elsewhere; let the blocker pass through when it gets there.
                gate.Set();
                return new FinalizerPause(false);
            }
            release = gate;
            holders = 1;
            return new FinalizerPause(true);
        }
    }

    /// <summary>Ends this holder's pause; the last holder lets the finalizer thread go on.</summary>
    public void Dispose()
    {
        if (disposed || !Active) return;
        disposed = true;
        lock (Gate)
        {
            if (--holders == 0)
            {
                release!.Set();
                release = null;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Park(ManualResetEventSlim started, ManualResetEventSlim gate) => _ = new Blocker(started, gate);

    private sealed class Blocker(ManualResetEventSlim started, ManualResetEventSlim gate)
    {
        ~Blocker()
        {
            started.Set();
            gate.Wait();
        }
    }
}
