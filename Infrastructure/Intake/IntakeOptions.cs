namespace OpinionResponse.Infrastructure.Intake;

/// <summary>The write path's and the ingestion API's limits (configuration section <c>Intake</c>).</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Submissions (API requests, feed polls, import runs, manual entries) waiting for the writer; past it, <see cref="IntakeBusyException"/>.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most items the writer commits in one transaction (a single submission larger than this is committed whole).</summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>What a refused caller is told to wait (the Retry-After of the API's 429).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Committed batches kept in memory for the ingested-item handlers (the near-duplicate and same-matter stages). When
    /// they fall further behind, the writer does not wait for them: the handlers read what they missed from the database.
    /// </summary>
    public int HandlerQueueBatches { get; set; } = 256;

    /// <summary>How long shutdown waits for the queue to drain.</summary>
    public int DrainSeconds { get; set; } = 20;

    /// <summary>
    /// API requests per client and minute before 429 (ASP.NET rate limiting, fixed window). 600 is ten a second per
    /// vendor, with up to 1,000 items in each batch request: far above any crawler's real rate, low enough that one
    /// runaway or stolen key cannot starve the desk's writer.
    /// </summary>
    public int RateLimitPerMinute { get; set; } = 600;

    /// <summary>
    /// Requests with a missing or unknown key per client address and minute before 429: guessing keys, or a client
    /// misconfigured in a loop, is slowed down without touching the clients whose keys are valid.
    /// </summary>
    public int UnknownKeyPerMinutePerAddress { get; set; } = 30;

    /// <summary>Most items in one <c>POST /api/v1/items/batch</c>.</summary>
    public int MaxItemsPerBatchRequest { get; set; } = 1_000;

    /// <summary>Body limit of <c>POST /api/v1/items</c> (bytes); larger answers 413.</summary>
    public long MaxItemBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Body limit of <c>POST /api/v1/items/batch</c> (bytes); larger answers 413.</summary>
    public long MaxBatchBodyBytes { get; set; } = 32L * 1024 * 1024;
}
