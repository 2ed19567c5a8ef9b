using System.Net;

namespace Fabric.Shim.Tests.Infrastructure;

/// <summary>
/// Makes HttpClient send a streaming request's HTTP/2 HEADERS frame at once. Without a flush,
/// SocketsHttpHandler holds the headers until the first body bytes; a chaincode server speaks
/// first (REGISTER), so a peer that has not written yet may never reach it (seen against grpc-js,
/// and intermittently against Kestrel when no other frame happens to flush the connection).
/// </summary>
internal sealed class HeaderFlushingHandler : DelegatingHandler
{
    public HeaderFlushingHandler()
        : this(new SocketsHttpHandler())
    {
    }

    public HeaderFlushingHandler(SocketsHttpHandler inner)
        : base(inner)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            request.Content = new FlushFirst(content);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private sealed class FlushFirst : HttpContent
    {
        private readonly HttpContent _inner;

        public FlushFirst(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.FlushAsync(cancellationToken);
            await _inner.CopyToAsync(stream, context, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
