using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Caching;

namespace OpinionResponse.App.Features.Triage;

/// <summary>
/// What every officer's triage page shows alike, kept once in the process (memory per circuit). Each query
/// reads its own copy of the rows (officers who see different cases, and each change, run their own), and each page
/// builds its own markup for them; fifty rows are ~100 KB of row data and ~150 KB of markup, so a hundred officers on the
/// same queue held a hundred copies of both. Through this pool an equal row (record equality: every field, the suggestion
/// included) becomes one object — the query handler pools its rows — and equal markup one string (each page).
/// Bounded: once a pool holds <see cref="Capacity"/> values it starts afresh; what pages already hold stays valid, it is
/// only no longer shared with what comes after.
/// </summary>
public sealed class TriageRowPool
{
    public const int Capacity = 20_000;

    private readonly BoundedCache<ListTriageQueue.Row, ListTriageQueue.Row> rows = new(Capacity);
    private readonly BoundedCache<string, string> markup = new(Capacity, StringComparer.Ordinal);
    private readonly BoundedCache<(TriageRowView View, string Culture), MarkupString> built = new(Capacity);

    public int Rows => rows.Count;

    public int Markups => markup.Count;

    /// <summary>The shared row equal to <paramref name="row"/> (itself when it is the first).</summary>
    public ListTriageQueue.Row Share(ListTriageQueue.Row row) => rows.GetOrAdd(row, static (r, _) => r, 0);

    /// <summary>The query result with its rows shared.</summary>
    public ListTriageQueue.Result Share(ListTriageQueue.Result result) => result with { Items = [.. result.Items.Select(Share)] };

    /// <summary>The shared markup equal to <paramref name="value"/>.</summary>
    public MarkupString Share(MarkupString value) => new(markup.GetOrAdd(value.Value, static (v, _) => v, 0));

    /// <summary>
    /// The markup of a row showing <paramref name="view"/> in the UI's language, built by the first page to show it: when an
    /// item arrives every open queue shows the same new row (CPU per open queue), so one page builds it and the others take it.
    /// </summary>
    public MarkupString Markup(TriageRowView view, IStringLocalizer l) =>
        built.GetOrAdd((view, CultureInfo.CurrentUICulture.Name), static (key, s) => s.Pool.Share(TriageRowMarkup.Build(key.View, s.L)), (Pool: this, L: l));
}
