using System.Globalization;
using FluentValidation;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>
/// Chinese as Chinese: prerendered pages send characters, not numeric entities; validation quotes with “”.
/// </summary>
public sealed class ChineseTextTests : IAsyncLifetime
{
    private readonly TestApp app = new() { FakeSignIn = false };

    public Task InitializeAsync() => app.InitializeAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_prerendered_sign_in_page_sends_Chinese_characters_not_entities()
    {
        using var client = app.CreateClient();

        var bytes = await client.GetByteArrayAsync("/account/login");

        // The bytes as sent: 登录 in UTF-8 (E7 99 BB E5 BD 95), not the entities &#x767B;&#x5F55;.
        Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes("登录")) >= 0);
        var html = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("&#x767B;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_validation_messages_in_Chinese_quote_the_field_with_Chinese_quotes()
    {
        _ = app.Services;
        var validator = new InlineValidator<Note>();
        validator.RuleFor(n => n.Text).NotEmpty().WithName("内容");
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var message = validator.Validate(new Note("")).Errors.Single().ErrorMessage;

            Assert.Contains("“内容”", message, StringComparison.Ordinal);
            Assert.DoesNotContain("'", message, StringComparison.Ordinal);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Contains("'内容'", validator.Validate(new Note("")).Errors.Single().ErrorMessage, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public sealed record Note(string Text);
}
