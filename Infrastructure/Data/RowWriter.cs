using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
namespace OpinionResponse.Infrastructure.Data;

/// <summary>
/// Inserts new rows of <typeparamref name="T"/> with one prepared INSERT inside an open EF transaction, instead of EF
/// change tracking, which cost about 0.1–0.2 ms a row, twenty times the insert itself (docs/benchmarks-intake.md): the
/// intake writer's items and the intake stages' suggestions. The statement and the values come from the EF model
/// (table, columns, value converters), so the model stays the one description of the table: a new column is written
/// without touching this class. Quoted names and @ parameters: the same statement on SQLite and PostgreSQL. Only for entities whose key is a database-generated <c>Id</c> and that raise no domain
/// events (nothing here publishes them).
/// </summary>
internal sealed class RowWriter<T>
    where T : class
{
    private static readonly PropertyInfo IdProperty = typeof(T).GetProperty("Id")
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no Id property.");

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, RowWriter<T>> ByModel = new();

    private readonly string sql;
    private readonly Column[] columns;

    private RowWriter(string sql, Column[] columns)
    {
        this.sql = sql;
        this.columns = columns;
    }

    /// <summary>The writer for <paramref name="model"/>, built once per model.</summary>
    public static RowWriter<T> For(IModel model) => ByModel.GetValue(model, Build);

    private static RowWriter<T> Build(IModel model)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !p.IsPrimaryKey())
            .Select(p => p.PropertyInfo is { } info
                ? new Column(p.GetColumnName(table)!, info, (RelationalTypeMapping)p.GetTypeMapping())
                : throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a shadow property: the row writer cannot fill it."))
            .ToArray();
        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) RETURNING \"Id\";";
        return new RowWriter<T>(sql, columns);
    }

    /// <summary>Inserts <paramref name="items"/> in the open transaction and gives each its new id.</summary>
    public async Task InsertAsync(OpinionDbContext db, IDbContextTransaction transaction, IReadOnlyList<T> items)
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
            // Typed by the column's mapping, so that the statement can be prepared before any value is known (PostgreSQL
            // must know each parameter's type to prepare, and cannot tell it from a null).
            parameters[i] = columns[i].Mapping.CreateParameter(command, $"@p{i}", null, nullable: true);
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
            IdProperty.SetValue(item, Convert.ChangeType(id, IdProperty.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private sealed record Column(string Name, PropertyInfo Property, RelationalTypeMapping Mapping)
    {
        public object ValueOf(T item)
        {
            var value = Property.GetValue(item);
            if (value is not null && Mapping.Converter is not null)
            {
                value = Mapping.Converter.ConvertToProvider(value);
            }

            return value ?? DBNull.Value;
        }
    }
}
