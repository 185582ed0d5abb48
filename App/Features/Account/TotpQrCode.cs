using QRCoder;

namespace OpinionResponse.App.Features.Account;

/// <summary>The enrolment QR code as an inline PNG (the CSP allows <c>img-src data:</c>; nothing leaves the server).</summary>
public static class TotpQrCode
{
    public static string Uri(string issuer, string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6&period=30";

    public static string DataUri(string issuer, string account, string key)
    {
        using var data = QRCodeGenerator.GenerateQrCode(Uri(issuer, account, key), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
