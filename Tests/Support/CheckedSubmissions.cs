using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Common.Intake;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.Tests.Support;

/// <summary>Tests that feed the write path directly pass their submissions through the one validation first, as every channel does.</summary>
public static class CheckedSubmissions
{
    public static async Task<IReadOnlyList<ValidSubmission>> CheckedAsync(this IServiceProvider services, params ItemSubmission[] submissions)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubmissionCheck>().RequireAsync(submissions, CancellationToken.None);
    }
}
