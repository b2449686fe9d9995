using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>
/// The smallest PowerShell host that shows on this console what a real one would: formatted objects (Out-Host
/// uses the module's views), warnings, verbose and errors. Prompts are refused: the walkthrough is unattended.
/// </summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleUserInterface _ui;

    public ConsoleHost(TextWriter output, bool plainText) => _ui = new ConsoleUserInterface(output, plainText);

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "BulkEnrollWalkthrough";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class ConsoleUserInterface : PSHostUserInterface
    {
        // PowerShell colours table headers with escape sequences; a log file or a pipe wants plain text.
        private static readonly Regex Escapes = new(@"\x1b\[[0-9;]*m", RegexOptions.Compiled);
        private readonly ConsoleRawUserInterface _raw = new();
        private readonly TextWriter _output;
        private readonly bool _plainText;

        public ConsoleUserInterface(TextWriter output, bool plainText)
        {
            _output = output;
            _plainText = plainText;
        }

        private string Plain(string value) => _plainText ? Escapes.Replace(value, string.Empty) : value;

        public override PSHostRawUserInterface RawUI => _raw;

        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions)
            => throw new InvalidOperationException("The walkthrough does not answer prompts: " + message);

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
            => throw new InvalidOperationException("The walkthrough does not answer prompts: " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
            => throw new InvalidOperationException("The walkthrough does not answer prompts: " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            => throw new InvalidOperationException("The walkthrough does not answer prompts: " + message);

        public override string ReadLine() => throw new InvalidOperationException("The walkthrough reads no input.");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("The walkthrough reads no input.");

        public override void Write(string value) => _output.Write(Plain(value));
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _output.Write(Plain(value));
        public override void WriteLine(string value) => _output.WriteLine(Plain(value));
        public override void WriteDebugLine(string message) => _output.WriteLine("DEBUG: " + message);
        public override void WriteErrorLine(string value) => _output.WriteLine("ERROR: " + value);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) => _output.WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => _output.WriteLine("WARNING: " + message);
    }

    private sealed class ConsoleRawUserInterface : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Size BufferSize { get; set; } = new(160, 3000);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(160, 60);
        public override Size MaxWindowSize => new(160, 60);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new(160, 60);
        public override string WindowTitle { get; set; } = string.Empty;
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("The walkthrough reads no input.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
