using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Browser;
using OpinionResponse.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OpinionResponse.Tests.Nodes;

/// <summary>
/// The repository's nginx configuration (deploy/nginx/opinionresponse.conf) in front of the two nodes, as written except
/// for what a test machine needs: the nodes' loopback ports instead of the example addresses, plain HTTP on a free port
/// instead of TLS, and an access log naming the node of each request. Browsers go through it.
/// </summary>
[Collection(TwoNodesCollection.Name)]
public sealed partial class NginxTests(TwoNodesFixture nodes, ITestOutputHelper output)
{
    [NginxFact]
    public async Task Through_nginx_every_request_of_a_browser_reaches_one_node_and_its_live_page_follows_items_posted_to_either_node()
    {
        await using var nginx = await Nginx.StartAsync(nodes);
        var pages = new List<IPage>();
        try
        {
            // Three officers' browsers: each keeps to its own node (which one is the hash's choice).
            foreach (var account in new[] { DemoAccounts.Duty, DemoAccounts.Analyst, DemoAccounts.Chief })
            {
                var page = await BrowserFixture.SignInAsync(nodes.Browser, nginx.BaseUrl, account, "zh-CN", 60_000);
                await page.OpenAsync("/triage");
                await page.MarkAsync();
                pages.Add(page);
            }

            var tag = Guid.NewGuid().ToString("N")[..6];
            var onA = $"经由A节点的信息 {tag}";
            var onB = $"经由B节点的信息 {tag}";
            await nodes.PostItemAsync(nodes.A, onA, "北岸镇滨江路口信号灯故障，早高峰车辆拥堵。");
            await nodes.PostItemAsync(nodes.B, onB, "北岸镇中心市场周边夜间施工噪音扰民。");
            foreach (var page in pages)
            {
                await Expect(page.TriageRow(onA)).ToHaveCountAsync(1, new() { Timeout = 10_000 });
                await Expect(page.TriageRow(onB)).ToHaveCountAsync(1, new() { Timeout = 10_000 });
                // The circuit is still the first one: the page moves on in the app, no reload, no reconnect overlay.
                await page.GetByTestId("nav-board").ClickAsync();
                await Expect(page.GetByTestId("board")).ToBeVisibleAsync();
                await Expect(page.GetByTestId("reconnect-modal")).Not.ToBeVisibleAsync();
                await page.ExpectNotReloadedAsync();
            }
        }
        finally
        {
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
        }

        // nginx logs a WebSocket when it closes: wait for the three.
        await Eventually.HoldsAsync(() => nginx.Requests().Count(r => r.Path.StartsWith("/_blazor?id=", StringComparison.Ordinal)) >= 3,
            TimeSpan.FromSeconds(10));
        var browsers = nginx.Requests().GroupBy(r => r.Route).ToList();
        foreach (var browser in browsers)
        {
            output.WriteLine($"{browser.Key}: {string.Join(", ", browser.Select(r => r.Node).Distinct())} ({browser.Count()} requests)");
        }

        Assert.Equal(3, browsers.Count);
        Assert.All(browsers, b => Assert.Single(b.Select(r => r.Node).Distinct()));
        Assert.All(browsers, b => Assert.Contains(b, r => r.Path.StartsWith("/_blazor?id=", StringComparison.Ordinal) && r.Status == "101"));
    }

    private sealed record Request(string Route, string Node, string Path, string Status);

    private sealed partial class Nginx : IAsyncDisposable
    {
        private readonly string folder;
        private readonly Process process;

        private Nginx(string folder, Process process, int port)
        {
            this.folder = folder;
            this.process = process;
            BaseUrl = $"http://127.0.0.1:{port}";
        }

        public string BaseUrl { get; }

        public static async Task<Nginx> StartAsync(TwoNodesFixture nodes)
        {
            var folder = Path.Combine(Path.GetTempPath(), "or-nginx", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var port = FreePort.Next();
            var site = await File.ReadAllTextAsync(RepositoryFile("deploy", "nginx", "opinionresponse.conf"));
            site = site.Replace("server 10.20.0.11:5080", $"server 127.0.0.1:{nodes.A.Port}", StringComparison.Ordinal)
                .Replace("server 10.20.0.12:5080", $"server 127.0.0.1:{nodes.B.Port}", StringComparison.Ordinal)
                .Replace("listen 443 ssl;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
                .Replace("listen 80;", $"listen 127.0.0.1:{FreePort.Next()};", StringComparison.Ordinal);
            site = TlsLines().Replace(site, string.Empty);
            Assert.Contains($"127.0.0.1:{nodes.A.Port}", site);
            await File.WriteAllTextAsync(Path.Combine(folder, "site.conf"), site);
            await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
                user root;
                daemon off;
                worker_processes 1;
                pid {{folder}}/nginx.pid;
                error_log {{folder}}/error.log warn;
                events { worker_connections 512; }
                http {
                    log_format nodes '$or_route $upstream_addr $status "$request_uri"';
                    access_log {{folder}}/access.log nodes;
                    client_body_temp_path {{folder}}/body;
                    proxy_temp_path {{folder}}/proxy;
                    fastcgi_temp_path {{folder}}/fastcgi;
                    uwsgi_temp_path {{folder}}/uwsgi;
                    scgi_temp_path {{folder}}/scgi;
                    include {{folder}}/site.conf;
                }
                """);
            var start = new ProcessStartInfo(NginxFactAttribute.Executable!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf") })
            {
                start.ArgumentList.Add(arg);
            }

            var nginx = new Nginx(folder, Process.Start(start)!, port);
            var errors = nginx.process.StandardError.ReadToEndAsync();
            var until = DateTime.UtcNow.AddSeconds(20);
            while (!Listening(port))
            {
                Assert.False(nginx.process.HasExited, $"nginx exited: {(nginx.process.HasExited ? await errors : string.Empty)}");
                Assert.True(DateTime.UtcNow < until, "nginx did not listen within 20 s");
                await Task.Delay(100);
            }

            return nginx;
        }

        /// <summary>The access log so far: each request's routing key, the node that served it, its status and path.</summary>
        public List<Request> Requests()
        {
            var path = Path.Combine(folder, "access.log");
            if (!File.Exists(path))
            {
                return [];
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => LogLine().Match(line))
                .Where(m => m.Success)
                .Select(m => new Request(m.Groups[1].Value, m.Groups[2].Value, m.Groups[4].Value, m.Groups[3].Value))
                .ToList();
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleaning.
            }
        }

        private static bool Listening(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        private static string RepositoryFile(params string[] parts)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine([dir.FullName, .. parts]);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException(string.Join('/', parts));
        }

        [GeneratedRegex(@"^\s*(ssl_\w+|http2)\s[^\n]*\n", RegexOptions.Multiline)]
        private static partial Regex TlsLines();

        [GeneratedRegex("""^(\S+) (\S+) (\d+) "([^"]*)"$""")]
        private static partial Regex LogLine();
    }
}

/// <summary>A <see cref="FactAttribute"/> skipped, with the reason, where nginx or redis-server is not installed.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public static string? Executable { get; } = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    public NginxFactAttribute()
    {
        if (RedisServer.Executable is null)
        {
            Skip = RedisServer.NotInstalled;
        }
        else if (Executable is null)
        {
            Skip = "nginx is not installed (./test.sh installs Debian's nginx package)";
        }
    }
}
