using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpinionResponse.App.Common.Intake;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Feeds;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Leases;

namespace OpinionResponse.App.Features.Feeds;

public enum FeedPollStatus
{
    /// <summary>New entries were read (possibly none new).</summary>
    Read,
    /// <summary>304: nothing changed since the last poll.</summary>
    NotModified,
    Failed,
    NotFound,
}

public sealed record FeedPollOutcome(int FeedId, FeedPollStatus Status, int Taken, int Skipped, string? Error);

/// <summary>
/// Polls the enabled feeds whose next poll is due, a few at a time (policy 二（一）: 全天候). One feed's failure — an
/// HTTP error, a timeout, bad or hostile XML, anything — is recorded on that feed and backs it off; it never stops the
/// poller or another feed. Entries go through the one validation and the one write path; the conditional-GET validators
/// are stored only after the entries are committed, so a crash in between re-reads the feed instead of losing entries.
/// With several nodes only the holder of the <see cref="LeaseNames.FeedPoller"/> lease polls on schedule (a portal is
/// not fetched once per node); an administrator's "poll now" runs on the node it was asked of.
/// </summary>
public sealed class FeedPoller(
    IServiceScopeFactory scopes,
    IDbContextFactory<OpinionDbContext> dbFactory,
    FeedFetcher fetcher,
    IItemIntake intake,
    TimeProvider clock,
    IOptions<FeedOptions> options,
    LeaseKeeper leases,
    ILogger<FeedPoller> logger) : BackgroundService
{
    private const int SubmitChunk = 500;

    private readonly ConcurrentDictionary<int, Lazy<Task<FeedPollOutcome>>> inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollEverySeconds)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await leases.HoldAsync(LeaseNames.FeedPoller, stoppingToken))
                    {
                        await PollDueFeedsAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "A feed polling round failed; the next round will try again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round: every enabled feed due at <paramref name="now"/>, at most MaxConcurrent at once.</summary>
    public async Task<IReadOnlyList<FeedPollOutcome>> PollDueFeedsAsync(DateTime now, CancellationToken cancellationToken)
    {
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Feeds.AsNoTracking().Where(f => f.Enabled && f.NextPollAt <= now)
                .OrderBy(f => f.NextPollAt).Select(f => f.Id).Take(200).ToListAsync(cancellationToken);
        }

        var outcomes = new ConcurrentBag<FeedPollOutcome>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.MaxConcurrent), CancellationToken = cancellationToken },
            async (feedId, token) => outcomes.Add(await PollFeedAsync(feedId, now, token)));
        return outcomes.OrderBy(o => o.FeedId).ToList();
    }

    /// <summary>Polls one feed now (enabled or not). A poll of the same feed already running is joined, not repeated.</summary>
    public Task<FeedPollOutcome> PollFeedAsync(int feedId, DateTime now, CancellationToken cancellationToken)
    {
        var poll = inFlight.GetOrAdd(feedId, id => new Lazy<Task<FeedPollOutcome>>(() => RunAsync(id, now, cancellationToken)));
        return poll.Value;
    }

    private async Task<FeedPollOutcome> RunAsync(int feedId, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            return await PollCoreAsync(feedId, now, cancellationToken);
        }
        finally
        {
            inFlight.TryRemove(feedId, out _);
        }
    }

    private async Task<FeedPollOutcome> PollCoreAsync(int feedId, DateTime now, CancellationToken cancellationToken)
    {
        Feed? feed;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            feed = await db.Feeds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == feedId, cancellationToken);
        }

        if (feed is null)
        {
            return new FeedPollOutcome(feedId, FeedPollStatus.NotFound, 0, 0, null);
        }

        try
        {
            var fetch = await fetcher.FetchAsync(feed.Url, feed.ETag, feed.LastModified, cancellationToken);
            if (fetch.NotModified)
            {
                await RecordSuccessAsync(feed, now, fetch, 0, [], cancellationToken);
                return new FeedPollOutcome(feedId, FeedPollStatus.NotModified, 0, 0, null);
            }

            var document = FeedParser.Parse(fetch.Body, fetch.Charset, FeedLimits.From(options.Value), fetch.FinalUri);
            var notes = document.Skipped.ToList();
            var submissions = new List<ValidSubmission>();
            await using (var scope = scopes.CreateAsyncScope())
            {
                var check = scope.ServiceProvider.GetRequiredService<SubmissionCheck>();
                foreach (var entry in document.Entries)
                {
                    var submission = FeedEntryMapper.ToSubmission(feed, entry);
                    var (valid, result) = await check.CheckAsync(submission, cancellationToken);
                    if (valid is not null)
                    {
                        submissions.Add(valid);
                    }
                    else
                    {
                        var fields = string.Join(',', result.Errors.Select(e => $"@Field.{e.PropertyName.Split('[')[0]}").Distinct());
                        notes.Add(new FeedSkip(FeedReasons.EntryInvalid, FeedReasons.Detail(submission.ExternalId, fields)));
                    }
                }
            }

            var taken = 0;
            foreach (var chunk in submissions.Chunk(SubmitChunk))
            {
                // One audit row per chunk that stores new items, committed with them (a poll with nothing new leaves none).
                var audit = new IntakeAudit(IntakeAudits.Entry(now, $"feed:{feed.Name}", "FeedPoll", null,
                    $"{{\"feed\":{feed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"), onlyWhenStored: true);
                var results = await intake.SubmitAsync(chunk, audit, cancellationToken);
                taken += results.Count(r => r.Created);
            }

            await RecordSuccessAsync(feed, now, fetch, taken, notes, cancellationToken);
            var skipped = notes.Count(n => n.Code != FeedReasons.EntryTruncated);
            return new FeedPollOutcome(feedId, FeedPollStatus.Read, taken, skipped, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var reason = ex switch
            {
                FeedProblemException problem => problem.Reason,
                IntakeBusyException busy => FeedReasons.Format(FeedReasons.IntakeBusy, FeedReasons.Detail((int)Math.Ceiling(busy.RetryAfter.TotalSeconds))),
                // The exception's own text is for the log below; the page says what happened in the reader's language.
                _ => FeedReasons.Format(FeedReasons.Unexpected, string.Empty),
            };
            if (ex is FeedProblemException)
            {
                logger.LogWarning("Feed {FeedId} ({Url}) failed: {Reason}", feed.Id, feed.Url, reason);
            }
            else
            {
                logger.LogError(ex, "Feed {FeedId} ({Url}) failed", feed.Id, feed.Url);
            }

            await RecordFailureAsync(feed, now, reason, cancellationToken);
            return new FeedPollOutcome(feedId, FeedPollStatus.Failed, 0, 0, reason);
        }
    }

    private async Task RecordSuccessAsync(Feed feed, DateTime now, FeedFetch fetch, int taken, IReadOnlyList<FeedSkip> notes, CancellationToken cancellationToken)
    {
        var skipped = notes.Count(n => n.Code != FeedReasons.EntryTruncated);
        var lastNote = notes.Count > 0 ? notes[^1].Reason : null;
        var next = FeedSchedule.NextPoll(now, feed.IntervalMinutes, 0, options.Value.MaxBackoff);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only the health columns, and only if the admin has not changed the URL meanwhile: an edit is never overwritten.
        await db.Feeds.Where(f => f.Id == feed.Id && f.Url == feed.Url).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(f => f.LastPolledAt, now);
            s.SetProperty(f => f.LastSuccessAt, now);
            s.SetProperty(f => f.ConsecutiveFailures, 0);
            s.SetProperty(f => f.NextPollAt, next);
            s.SetProperty(f => f.ETag, fetch.ETag);
            s.SetProperty(f => f.LastModified, fetch.LastModified);
            s.SetProperty(f => f.ItemsTaken, f => f.ItemsTaken + taken);
            s.SetProperty(f => f.EntriesSkipped, f => f.EntriesSkipped + skipped);
            if (lastNote is not null)
            {
                s.SetProperty(f => f.LastSkipReason, lastNote);
            }
        }, cancellationToken);
    }

    private async Task RecordFailureAsync(Feed feed, DateTime now, string reason, CancellationToken cancellationToken)
    {
        var failures = feed.ConsecutiveFailures + 1;
        // An answer that will be the same next time is not fetched again every few hours: once a day, or at once when an
        // administrator edits the feed, enables it again or polls it by hand.
        var next = FeedReasons.IsPermanent(reason)
            ? now + options.Value.PermanentFailureRetry
            : FeedSchedule.NextPoll(now, feed.IntervalMinutes, failures, options.Value.MaxBackoff);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Feeds.Where(f => f.Id == feed.Id && f.Url == feed.Url).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.LastPolledAt, now)
            .SetProperty(f => f.LastErrorAt, now)
            .SetProperty(f => f.LastError, reason)
            .SetProperty(f => f.ConsecutiveFailures, f => f.ConsecutiveFailures + 1)
            .SetProperty(f => f.NextPollAt, next), cancellationToken);
    }
}

/// <summary>When a feed is polled next: its interval, doubled for each failure in a row, capped (never below the interval).</summary>
public static class FeedSchedule
{
    public static DateTime NextPoll(DateTime now, int intervalMinutes, int consecutiveFailures, TimeSpan maxBackoff)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, intervalMinutes));
        if (consecutiveFailures <= 0)
        {
            return now + interval;
        }

        var cap = maxBackoff > interval ? maxBackoff : interval;
        var factor = Math.Pow(2, Math.Min(consecutiveFailures, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, cap.Ticks));
        return now + delay;
    }
}
