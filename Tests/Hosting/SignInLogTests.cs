using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>The app with every log line it writes captured.</summary>
public sealed class LoggedSignInApp : SignInApp
{
    public LoggedSignInApp()
        : this(new CapturedLogs())
    {
    }

    private LoggedSignInApp(CapturedLogs logs)
        : base(new TestApp { FakeSignIn = false, TestServices = services => services.AddSingleton<ILoggerProvider>(logs) }) =>
        Logs = logs;

    public CapturedLogs Logs { get; }
}

/// <summary>SECURITY.md U5: what an attacker types at the sign-in form reaches no log line raw, nor any password.</summary>
public sealed class SignInLogTests(LoggedSignInApp fixture) : IClassFixture<LoggedSignInApp>
{
    [Fact]
    public async Task A_forged_log_line_in_the_user_name_is_never_written()
    {
        using var client = fixture.Client();

        await client.SignInAsync("nobody\r\n2026-12-04 info: admin signed in\u001b[2J", "Whatever-password-1");

        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains("admin signed in", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains('\u001b', StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_typed_into_the_user_name_box_or_a_wrong_password_is_never_logged()
    {
        using var client = fixture.Client();

        await client.SignInAsync("Tr0ub4dor-and-3", DemoAccounts.Password);
        await client.SignInAsync(DemoAccounts.Analyst.UserName, "Correct-horse-77");

        Assert.Contains(fixture.Logs.Lines, line => line.Contains("Failed sign-in for analyst", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains("Tr0ub4dor", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains("Correct-horse", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(DemoAccounts.Password, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain 张伟", "plain 张伟")]
    [InlineData("a\r\nb", "a\\u000d\\u000ab")]
    [InlineData("\u001b[31mred", "\\u001b[31mred")]
    [InlineData("x\u2028y\u0085z", "x\\u2028y\\u0085z")]
    [InlineData("rtl\u202etxt", "rtl\\u202etxt")]
    public void Control_characters_are_written_as_escapes(string text, string logged) => Assert.Equal(logged, LogText.Neutralise(text));
}

/// <summary>Every formatted log message, from every category, for a test to search.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}
