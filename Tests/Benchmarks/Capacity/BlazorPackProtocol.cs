using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MessagePack;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace OpinionResponse.Benchmarks.Capacity;

/// <summary>
/// Blazor Server's hub protocol as the browser speaks it: blazor.web.js takes SignalR's MessagePack protocol and renames
/// it "blazorpack" (version 1: no stateful reconnect); the server's BlazorPackHubProtocol reads the same wire format. So
/// this wraps the .NET client's <see cref="MessagePackHubProtocol"/> under that name.
/// One difference: the .NET client binds a server call's arguments to the types of the registered handler, and the
/// number of arguments of Blazor's calls (<c>JS.BeginInvokeJS</c> grew one in .NET 10) is the framework's business. The
/// arguments of every server call are therefore read as plain objects (MessagePack's primitive types: integers, strings,
/// <c>byte[]</c>), as many as the message holds.
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol inner = new();

    public string Name => "blazorpack";

    public int Version => 1;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => version == Version;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var invocation = PeekInvocation(input);
        return inner.TryParseMessage(ref input, invocation is { } call ? new UntypedArguments(binder, call.Target, call.Count) : binder, out message);
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    /// <summary>
    /// The target and argument count of the next message when it is a complete invocation (SignalR's binary framing: a
    /// varint length, then the MessagePack array [1, headers, invocationId, target, arguments, streamIds]); otherwise null.
    /// </summary>
    private static (string Target, int Count)? PeekInvocation(ReadOnlySequence<byte> input)
    {
        var framing = new SequenceReader<byte>(input);
        long length = 0;
        var shift = 0;
        byte next;
        do
        {
            if (!framing.TryRead(out next) || shift > 28)
            {
                return null;
            }

            length |= (long)(next & 0x7f) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0);

        if (framing.Remaining < length)
        {
            return null;
        }

        try
        {
            var reader = new MessagePackReader(input.Slice(framing.Position, length));
            reader.ReadArrayHeader();
            if (reader.ReadInt32() != HubProtocolConstants.InvocationMessageType)
            {
                return null;
            }

            var headers = reader.ReadMapHeader();
            for (var i = 0; i < headers * 2; i++)
            {
                reader.Skip();
            }

            reader.Skip(); // invocation id
            var target = reader.ReadString();
            return target is null ? null : (target, reader.ReadArrayHeader());
        }
        catch (MessagePackSerializationException)
        {
            return null;
        }
    }

    /// <summary>The client's own binder, except that the peeked invocation's arguments are all <see cref="object"/>.</summary>
    private sealed class UntypedArguments(IInvocationBinder binder, string target, int count) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            methodName == target ? Enumerable.Repeat(typeof(object), count).ToArray() : binder.GetParameterTypes(methodName);

        public Type GetReturnType(string invocationId) => binder.GetReturnType(invocationId);

        public Type GetStreamItemType(string streamId) => binder.GetStreamItemType(streamId);
    }
}
