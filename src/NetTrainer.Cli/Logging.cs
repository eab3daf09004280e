using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace NetTrainer.Cli;

/// <summary>The Serilog logger a command writes through: plain lines on the command's output writer.</summary>
public static class Logging
{
    private const string Template = "{Message:lj}{NewLine}";

    public static Logger To(TextWriter output) =>
        new LoggerConfiguration()
            .WriteTo.Sink(new WriterSink(output, new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture)))
            .CreateLogger();

    // Serilog's console sink writes to Console itself; commands write to InvocationConfiguration.Output instead.
    private sealed class WriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            lock (writer)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
            }
        }
    }
}
