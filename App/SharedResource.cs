namespace OpinionResponse.App;

/// <summary>Marker for the app's one resource set: Resources/SharedResource.resx (中文, neutral) and .en.resx.</summary>
public sealed class SharedResource;
