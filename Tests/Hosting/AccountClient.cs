using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OpinionResponse.Tests.Support;

namespace OpinionResponse.Tests.Hosting;

/// <summary>
/// A browser's HTTP side over the real app: cookies kept by hand (so a test can copy and replay them), the
/// antiforgery token read from each form, redirects not followed (so a test sees where they lead).
/// </summary>
public sealed partial class AccountClient : IDisposable
{
    private readonly HttpClient http;

    public AccountClient(TestApp app) =>
        http = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });

    public Dictionary<string, string> Cookies { get; } = [];

    public string? AuthCookie => Cookies.GetValueOrDefault("__Host-or-auth");

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>Posts the form <paramref name="formName"/> of the page at <paramref name="page"/>, with its token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string formName, IDictionary<string, string> fields, string? postTo = null)
    {
        var html = await (await GetAsync(page)).Content.ReadAsStringAsync();
        var values = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = Token(html) };
        return await PostAsync(postTo ?? page, values);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IDictionary<string, string> fields, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> SignInAsync(string userName, string password, string? returnUrl = null) =>
        SubmitAsync(returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });

    /// <summary>The layout's sign-out form (on the triage page), token included.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var html = await (await GetAsync("/triage")).Content.ReadAsStringAsync();
        return await PostAsync("/account/logout", new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(html) });
    }

    public static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token in the page.");

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var name = pair[..pair.IndexOf('=')];
                var value = pair[(pair.IndexOf('=') + 1)..];
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
                if (expired)
                {
                    Cookies.Remove(name);
                }
                else
                {
                    Cookies[name] = value;
                }
            }
        }

        return response;
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public static class HtmlResponse
{
    /// <summary>The page's text as a reader sees it: Blazor writes Chinese as character references.</summary>
    public static async Task<string> HtmlAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
