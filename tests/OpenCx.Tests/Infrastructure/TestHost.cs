using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// A host with a user interface, as pwsh has one: the engine prompts through it where a
/// preference is Inquire (the default host has none, so it never prompts). Like
/// pwsh -NonInteractive it refuses every prompt; it records each one, and every line written.
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUserInterface _ui = new TestHostUserInterface();

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "OpenCx.Tests non-interactive host";

    public override PSHostUserInterface UI => _ui;

    public override Version Version => new Version(1, 0);

    /// <summary>Every prompt the engine tried to show.</summary>
    public IReadOnlyList<string> Prompts => _ui.Prompts;

    /// <summary>Everything the engine wrote to the host (debug, verbose, warning lines and plain output).</summary>
    public IReadOnlyList<string> Written => _ui.Written;

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class TestHostUserInterface : PSHostUserInterface
    {
        private readonly List<string> _prompts = new List<string>();
        private readonly List<string> _written = new List<string>();

        public IReadOnlyList<string> Prompts
        {
            get
            {
                lock (_prompts)
                {
                    return _prompts.ToArray();
                }
            }
        }

        public IReadOnlyList<string> Written
        {
            get
            {
                lock (_written)
                {
                    return _written.ToArray();
                }
            }
        }

        public override PSHostRawUserInterface? RawUI => null;

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw Refuse(caption, message);

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw Refuse(caption, message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw Refuse(caption, message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw Refuse(caption, message);

        public override string ReadLine() => throw Refuse("ReadLine", string.Empty);

        public override SecureString ReadLineAsSecureString() => throw Refuse("ReadLineAsSecureString", string.Empty);

        public override void Write(string value) => Record(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Record(value);

        public override void WriteLine(string value) => Record(value);

        public override void WriteDebugLine(string message) => Record("DEBUG: " + message);

        public override void WriteErrorLine(string value) => Record("ERROR: " + value);

        public override void WriteProgress(long sourceId, ProgressRecord record) => Record("PROGRESS: " + record);

        public override void WriteVerboseLine(string message) => Record("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => Record("WARNING: " + message);

        private void Record(string value)
        {
            lock (_written)
            {
                _written.Add(value);
            }
        }

        // What pwsh -NonInteractive answers to a prompt.
        private PSInvalidOperationException Refuse(string caption, string message)
        {
            lock (_prompts)
            {
                _prompts.Add($"{caption}: {message}");
            }

            return new PSInvalidOperationException("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.");
        }
    }
}
