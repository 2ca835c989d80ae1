using System;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// A request of a walk, sent, and the one it may send ahead on a glance at its answer
/// (<see cref="KeysetLookahead"/>): only once the walk waits for this answer, so that the walk is
/// never more than one request ahead of its caller, however slowly the caller writes.
/// </summary>
/// <remarks>
/// The request ahead is sent on the thread that reads this answer, before it parses it: that
/// thread holds nothing but this request's gate, and the send goes as far as the socket and
/// returns (a spent budget is waited for asynchronously), so the parse starts at once after it.
/// </remarks>
internal sealed class InFlightRequest
{
    private readonly CancellationTokenSource? _ownCancel;
    private readonly object _gate = new object();
    private Func<InFlightRequest>? _foretold;
    private InFlightRequest? _foreseen;
    private bool _awaited;
    private bool _closed;

    /// <param name="ownCancel">Cancels this request alone (a request sent ahead, which the walk may give up); null when the walk's token is its only one.</param>
    public InFlightRequest(WalkMode mode, FilterRequest request, CancellationTokenSource? ownCancel)
    {
        Mode = mode;
        Request = request;
        _ownCancel = ownCancel;
    }

    public WalkMode Mode { get; }

    public FilterRequest Request { get; }

    public Task<SessionPage> Answer { get; set; } = null!;

    /// <summary>
    /// Sends the request foretold to follow this one: at once if the walk waits for this answer,
    /// else when it does. An attempt retried after a body that could not be read foretells again,
    /// and the later guess stands, unless the earlier one has gone out.
    /// </summary>
    public void Foresee(Func<InFlightRequest> send)
    {
        lock (_gate)
        {
            if (_closed || _foreseen is not null)
            {
                return;
            }

            if (_awaited)
            {
                _foreseen = send();
            }
            else
            {
                _foretold = send;
            }
        }
    }

    /// <summary>The walk waits for this answer now: a request foretold on it goes out, unless the answer has already failed.</summary>
    public void Awaited()
    {
        lock (_gate)
        {
            _awaited = true;
            if (_foretold is not null && !_closed && !(Answer.IsFaulted || Answer.IsCanceled))
            {
                _foreseen = _foretold();
            }

            _foretold = null;
        }
    }

    /// <summary>What was sent ahead on this answer; nothing more will be.</summary>
    public InFlightRequest? CloseForeseen()
    {
        lock (_gate)
        {
            _closed = true;
            _foretold = null;
            InFlightRequest? foreseen = _foreseen;
            _foreseen = null;
            return foreseen;
        }
    }

    /// <summary>Makes <paramref name="token"/> cancel this request too: one sent ahead went out under the token of an earlier call of the walk.</summary>
    public CancellationTokenRegistration CancelledBy(CancellationToken token) =>
        _ownCancel is null ? default : token.Register(cancel => ((CancellationTokenSource)cancel!).Cancel(), _ownCancel);

    /// <summary>After the walk has read the answer.</summary>
    public void Release() => _ownCancel?.Dispose();

    /// <summary>Cancels a request the walk will not read, and lets its failure, if any, go unseen.</summary>
    public void Abandon()
    {
        _ownCancel?.Cancel();
        Answer.ContinueWith(
            (answer, cancel) =>
            {
                _ = answer.Exception;
                ((CancellationTokenSource?)cancel)?.Dispose();
            },
            _ownCancel,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
