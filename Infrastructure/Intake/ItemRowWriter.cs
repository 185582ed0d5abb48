using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// Inserts new items with one prepared INSERT per batch inside the writer's EF transaction, instead of EF change tracking:
/// tracking cost about 0.1 ms an item, twenty times the insert itself (docs/benchmarks-intake.md). The statement and the
/// values come from the EF model (table, columns, value converters), so the model stays the one description of the
/// table: a new column is written without touching this class.
/// </summary>
internal sealed class ItemRowWriter
{
    private static readonly PropertyInfo IdProperty = typeof(OpinionItem).GetProperty(nameof(OpinionItem.Id))!;

    private readonly string sql;
    private readonly Column[] columns;

    private ItemRowWriter(string sql, Column[] columns)
    {
        this.sql = sql;
        this.columns = columns;
    }

    public static ItemRowWriter For(IModel model)
    {
        var entity = model.FindEntityType(typeof(OpinionItem)) ?? throw new InvalidOperationException("OpinionItem is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !p.IsPrimaryKey())
            .Select(p => p.PropertyInfo is { } info
                ? new Column(p.GetColumnName(table)!, info, p.GetTypeMapping().Converter)
                : throw new InvalidOperationException($"OpinionItem.{p.Name} is a shadow property: the intake writer cannot fill it."))
            .ToArray();
        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))}) RETURNING \"Id\";";
        return new ItemRowWriter(sql, columns);
    }

    /// <summary>Inserts <paramref name="items"/> in the open transaction and gives each its new id.</summary>
    public async Task InsertAsync(OpinionDbContext db, IDbContextTransaction transaction, IReadOnlyList<OpinionItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = $"$p{i}";
            command.Parameters.Add(parameters[i]);
        }

        await command.PrepareAsync();
        foreach (var item in items)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                parameters[i].Value = columns[i].ValueOf(item);
            }

            var id = await command.ExecuteScalarAsync();
            IdProperty.SetValue(item, Convert.ToInt32(id, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private sealed record Column(string Name, PropertyInfo Property, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)
    {
        public object ValueOf(OpinionItem item)
        {
            var value = Property.GetValue(item);
            if (value is not null && Converter is not null)
            {
                value = Converter.ConvertToProvider(value);
            }

            return value ?? DBNull.Value;
        }
    }
}
