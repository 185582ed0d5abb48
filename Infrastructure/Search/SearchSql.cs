namespace OpinionResponse.Infrastructure.Search;

/// <summary>
/// The SQL of the SQLite search index, shared by the migration that creates and backfills it, the rebuild and the
/// incremental indexing, so that all three index the same text.
/// </summary>
public static class SearchSql
{
    /// <summary>
    /// Contentless FTS5 tables (the text stays in Items and Cases; the index holds only the tokens) whose rows can be
    /// deleted and replaced. The bigrams and units are made by <see cref="SearchText"/>; unicode61 only splits them at the spaces.
    /// </summary>
    public const string CreateTables =
        "CREATE VIRTUAL TABLE IF NOT EXISTS ItemSearch USING fts5(bi, uni, content='', contentless_delete=1, tokenize='unicode61');" +
        "CREATE VIRTUAL TABLE IF NOT EXISTS CaseSearch USING fts5(bi, uni, content='', contentless_delete=1, tokenize='unicode61');";

    public const string DropTables = "DROP TABLE IF EXISTS ItemSearch; DROP TABLE IF EXISTS CaseSearch;";

    /// <summary>
    /// <paramref name="sql"/> (text columns of this class, written in SQLite's SQL with quoted names) in PostgreSQL's:
    /// its names for the newline character and for joining a column's rows.
    /// </summary>
    public static string ForPostgreSql(string sql) => sql.Replace("char(10)", "chr(10)", StringComparison.Ordinal)
        .Replace("group_concat(", "string_agg(", StringComparison.Ordinal);

    /// <summary>An item's searchable text in SQL: the same fields, in the same order, as <see cref="ItemText"/>.</summary>
    public const string ItemTextColumns =
        "i.\"Title\" || char(10) || i.\"Content\" || char(10) || coalesce(i.\"Author\", '') || char(10) || coalesce(i.\"SourceName\", '') " +
        "|| char(10) || coalesce(i.\"Location\", '')";

    /// <summary>A case's searchable text: its own fields and those of its plans, reports, tasks, responses and comments.</summary>
    public const string CaseTextColumns =
        "c.\"Number\" || char(10) || c.\"Title\" || char(10) || c.\"Summary\" || char(10) || coalesce(c.\"Assessment_Nature\", '') || char(10) " +
        "|| coalesce(c.\"Assessment_Risks\", '') || char(10) || coalesce(c.\"Assessment_OverrideJustification\", '') || char(10) " +
        "|| coalesce(c.\"CloseSummary\", '') || char(10) || coalesce(c.\"DismissReason\", '') || char(10) || coalesce(c.\"RaiserFeedback\", '') " +
        "|| char(10) || coalesce(c.\"ReopenReason\", '') || char(10) || c.\"OwnerName\" " +
        "|| char(10) || coalesce((SELECT group_concat(coalesce(p.\"Measures\", '') || char(10) || coalesce(p.\"ResponsiblePersons\", '') || char(10) " +
        "|| coalesce(p.\"OfflineActions\", '') || char(10) || coalesce(p.\"ResponseApproach\", '') || char(10) || coalesce(p.\"RejectionComment\", ''), char(10)) " +
        "FROM \"DisposalPlan\" p WHERE p.\"CaseId\" = c.\"Id\"), '') " +
        "|| char(10) || coalesce((SELECT group_concat(coalesce(r.\"Content\", ''), char(10)) FROM \"CaseReport\" r WHERE r.\"CaseId\" = c.\"Id\"), '') " +
        "|| char(10) || coalesce((SELECT group_concat(coalesce(t.\"Description\", '') || char(10) || coalesce(t.\"Feedback\", ''), char(10)) " +
        "FROM \"CaseTask\" t WHERE t.\"CaseId\" = c.\"Id\"), '') " +
        "|| char(10) || coalesce((SELECT group_concat(coalesce(s.\"Text\", ''), char(10)) FROM \"PublicResponse\" s WHERE s.\"CaseId\" = c.\"Id\"), '') " +
        "|| char(10) || coalesce((SELECT group_concat(coalesce(m.\"Text\", ''), char(10)) FROM \"CaseComment\" m WHERE m.\"CaseId\" = c.\"Id\"), '')";

    /// <summary>Indexes the items matching <paramref name="where"/> (on alias <c>i</c>).</summary>
    public static string IndexItems(string where) =>
        $"INSERT OR REPLACE INTO ItemSearch(rowid, bi, uni) SELECT Id, search_bigrams(Text), search_unigrams(Text) " +
        $"FROM (SELECT i.Id, {ItemTextColumns} AS Text FROM \"Items\" i WHERE {where});";

    /// <summary>Indexes the cases matching <paramref name="where"/> (on alias <c>c</c>).</summary>
    public static string IndexCases(string where) =>
        $"INSERT OR REPLACE INTO CaseSearch(rowid, bi, uni) SELECT Id, search_bigrams(Text), search_unigrams(Text) " +
        $"FROM (SELECT c.Id, {CaseTextColumns} AS Text FROM \"Cases\" c WHERE {where});";

    public const string ClearItems = "INSERT INTO ItemSearch(ItemSearch) VALUES('delete-all');";

    public const string ClearCases = "INSERT INTO CaseSearch(CaseSearch) VALUES('delete-all');";

    /// <summary>An item's searchable text in C#, for the writer: the fields of <see cref="ItemTextColumns"/>.</summary>
    public static string ItemText(Domain.Items.OpinionItem item) =>
        string.Join('\n', item.Title, item.Content, item.Author ?? string.Empty, item.SourceName ?? string.Empty, item.Location ?? string.Empty);
}
