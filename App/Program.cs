using OpinionResponse.App;

var builder = WebApplication.CreateBuilder(args);
builder.UseRepositoryAppSettings();
builder.Services.AddOpinionResponse(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseOpinionResponse();
await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
