namespace OpinionResponse.App.Common.Ui;

/// <summary>
/// The longest text each free-text field takes, in characters (UTF-16 code units, as FluentValidation counts): one number
/// for the validator that refuses longer text and for the form field that shows the limit (maxlength and counter) before
/// submitting. The hub's message size (Startup) is chosen so that the longest of them reaches the server whole.
/// </summary>
public static class TextLimits
{
    /// <summary>An item's content (内容): a forum post or a transcribed call can be long.</summary>
    public const int ItemContent = 20_000;

    /// <summary>The text of a public response (回应内容): a full statement with its explanations.</summary>
    public const int ResponseText = 10_000;

    /// <summary>Summaries, report content, plan measures and offline actions, comments, task feedback, a close summary.</summary>
    public const int Long = 4000;

    /// <summary>Assessment findings, the response approach, a task description, feedback to the person who raised it.</summary>
    public const int Medium = 2000;

    /// <summary>Reasons, decision comments, notes.</summary>
    public const int Short = 1000;
}
