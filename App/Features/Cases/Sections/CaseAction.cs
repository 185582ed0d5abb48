using OpinionResponse.Domain.Cases;

namespace OpinionResponse.App.Features.Cases.Sections;

/// <summary>A trigger the user chose on the case page, from the action bar (no target) or from a task or response row.</summary>
public sealed record CaseAction(CaseTrigger Trigger, int? TargetId = null);
