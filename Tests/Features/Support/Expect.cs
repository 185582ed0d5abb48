using FluentValidation;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;
using Xunit;

namespace OpinionResponse.Tests.Features.Support;

/// <summary>The ways the pipeline refuses a request, asserted with what the user would be told.</summary>
public static class Expect
{
    /// <summary>The validation behaviour refused the request and named every one of <paramref name="properties"/>.</summary>
    public static async Task<ValidationException> InvalidAsync(Func<Task> send, params string[] properties)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(send);
        foreach (var property in properties)
        {
            Assert.Contains(error.Errors, e => e.PropertyName == property);
        }

        return error;
    }

    /// <summary>The domain refused the move with <paramref name="code"/> (a <see cref="DomainErrors"/> key).</summary>
    public static async Task<DomainException> RefusedAsync(Func<Task> send, string code)
    {
        var error = await Assert.ThrowsAsync<DomainException>(send);
        Assert.Equal(code, error.Code);
        return error;
    }

    public static Task<ForbiddenException> ForbiddenAsync(Func<Task> send) => Assert.ThrowsAsync<ForbiddenException>(send);

    public static Task<NotFoundException> NotFoundAsync(Func<Task> send) => Assert.ThrowsAsync<NotFoundException>(send);

    public static Task<ConcurrencyConflictException> ConflictAsync(Func<Task> send) => Assert.ThrowsAsync<ConcurrencyConflictException>(send);
}
