package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/isolate-dev/isolate/addmsg"
	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/migrate"
	"github.com/isolate-dev/isolate/ui"
)

func init() { commandConstructors = append(commandConstructors, newAddCmd) }

type addOptions struct {
	Name, Dir                     string
	Invoke, Send, Event, SendSync bool
	Channel, Args, Result, Doc    string
	Key                           string
	DryRun, Yes, Force            bool
	channelSet                    bool
}

func newAddCmd(e *env) *cobra.Command {
	opts := &addOptions{}
	cmd := &cobra.Command{
		Use:   "add <name> --invoke|--send|--event [dir]",
		Short: "Add one IPC message to an isolated app: contract, preload wrapper, checked main handler, typings",
		Long: `Add one message to the bridge of an isolated app in dir (default: the current directory), as one
method on the object the preload exposes and nothing generic:

  --invoke  the page awaits an answer: ipcRenderer.invoke in the preload, ipcMain.handle in main
  --send    fire-and-forget from the page: ipcRenderer.send, ipcMain.on
  --event   main tells the page: webContents.send in main; the page subscribes with name(listener),
            which returns its own unsubscribe function

In an app made by 'isolate new', add reads the bridge back from src/shared/contract.ts (or .js), adds the
message and regenerates the code between the '// #region isolate:…' markers of the contract, the preload
and src/main/ipc: the channel, the message type, the Api member (which types window.api through
window.d.ts), the preload wrapper, and the listener that checks the sender frame and the argument types
before calling your handler. Your handlers file gets a stub that type-checks and builds as it is: an
invoke throws "not implemented", a send logs a warning. Nothing outside the regions changes except the
imports the new code needs and that stub. A region that no longer holds what the contract generates
(edited by hand, or reformatted) is not overwritten unless --force.

In an app moved to context isolation by hand or with 'isolate migrate' (a preload that calls
contextBridge.exposeInMainWorld('key', { … })), add puts a wrapper member into that object, an
ipcMain.handle/on stub that checks event.senderFrame next to the existing handlers, and a member into
the 'declare global { interface Window … }' typings when the app has them, each in the file's style.

The channel defaults to the name in the app's channel style: getUser becomes app:get-user in a new app
(whose channels are app:get-versions, window:set-title…), get-user where channels look like save-file,
GET_USER where they look like SAVE_FILE. --args is a TypeScript parameter list; in JavaScript apps the
types go into JSDoc. sendSync is not offered: it blocks the page until main answers; use --invoke.

add prints the change as a unified diff (on stdout, so --dry-run output is a patch 'git apply' takes),
then asks before writing; --yes writes without asking. Without a terminal to ask on it writes nothing
unless --yes. It does not require a clean git tree: the change is small and shown in full, every file is
written atomically, and nothing is written if any file changed after the diff was computed.

Exit codes: 0 added (or shown, with --dry-run); 1 the app is not isolated, the name or channel is taken,
a region was edited by hand, or a file could not be written; 2 usage error (flags, a name that is not an
identifier, an --args list that is not TypeScript, no terminal and no --yes).`,
		Example: `  # request/response: the page awaits window.api.getUser(id, force)
  isolate add getUser --invoke --args 'id: string, force?: boolean' --result '{ name: string }'

  # fire-and-forget from the page, on a channel of your choice
  isolate add saveDraft --send --args 'text: string' --channel drafts:save

  # main tells the page; the page calls window.api.onFileSaved((path) => …)
  isolate add onFileSaved --event --args 'path: string'

  # only show the diff, as a patch
  isolate add getUser --invoke --dry-run > add.patch`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 || args[0] == "" {
				return usageErrorf("add needs the name of the new method, e.g. isolate add getUser --invoke")
			}
			return maxArgs(2)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.Dir = args[0], "."
			if len(args) == 2 {
				opts.Dir = args[1]
			}
			opts.channelSet = cmd.Flags().Changed("channel")
			return runAdd(e, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.Invoke, "invoke", false, "request/response: the page awaits main's answer")
	f.BoolVar(&opts.Send, "send", false, "fire-and-forget from the page to main")
	f.BoolVar(&opts.Event, "event", false, "from main to the page; the method subscribes a listener")
	f.BoolVar(&opts.SendSync, "send-sync", false, "not offered: use --invoke")
	_ = f.MarkHidden("send-sync")
	f.StringVar(&opts.Channel, "channel", "", "IPC channel name (default: the name in the app's channel style)")
	f.StringVar(&opts.Args, "args", "", "parameters as a TypeScript list, e.g. 'id: string, force?: boolean'")
	f.StringVar(&opts.Result, "result", "", "with --invoke: the TypeScript type of the answer (default unknown)")
	f.StringVar(&opts.Doc, "doc", "", "one sentence describing the message, for the generated code")
	f.StringVar(&opts.Key, "key", "", "in a migrated app that exposes several objects: the window key to extend")
	f.BoolVar(&opts.DryRun, "dry-run", false, "show the diff and write nothing")
	f.BoolVarP(&opts.Yes, "yes", "y", false, "write without asking")
	f.BoolVar(&opts.Force, "force", false, "regenerate isolate regions that were edited by hand, losing the edits")
	return cmd
}

func runAdd(e *env, opts *addOptions) error {
	kinds := 0
	var kind bridge.Kind
	for _, k := range []struct {
		set  bool
		kind bridge.Kind
	}{{opts.Invoke, bridge.Invoke}, {opts.Send, bridge.Send}, {opts.Event, bridge.Event}} {
		if k.set {
			kinds++
			kind = k.kind
		}
	}
	switch {
	case opts.SendSync:
		return usageErrorf("isolate add does not offer sendSync: it blocks the page until main answers. Use --invoke; the page awaits the answer instead")
	case kinds == 0:
		return usageErrorf("say how %s travels: one of --invoke (the page awaits an answer), --send (fire-and-forget) or --event (main tells the page)", opts.Name)
	case kinds > 1:
		return usageErrorf("--invoke, --send and --event exclude each other: a message travels one way")
	case opts.DryRun && opts.Yes:
		return usageErrorf("--dry-run and --yes contradict each other: --dry-run writes nothing")
	case opts.channelSet && opts.Channel == "":
		return usageErrorf("--channel is empty")
	}
	if info, err := os.Stat(opts.Dir); err != nil || !info.IsDir() {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			return usageErrorf("%s is not a directory", opts.Dir)
		}
		return err
	}

	res, err := addmsg.Compute(opts.Dir, addmsg.Request{
		Method: opts.Name, Kind: kind, Channel: opts.Channel, Params: opts.Args, Result: opts.Result, Doc: opts.Doc,
		Key: opts.Key, Force: opts.Force,
	})
	var input *addmsg.InputError
	switch {
	case errors.As(err, &input):
		return usageError{input}
	case err != nil:
		return err
	}

	s := e.streams
	out, errPal := s.Palette(false), s.Palette(true)
	for _, n := range res.Notes {
		fmt.Fprintf(s.Err, "isolate: %s\n", errPal.Yellow("note: "+ui.Escape(n)))
	}
	for _, c := range res.Plan.Changes {
		migrate.WriteDiff(s.Out, c, out)
	}
	m := res.Message
	what := ui.Escape(fmt.Sprintf("window.%s.%s (%s on channel %q)", res.Key, m.Method, m.Kind, m.Channel))
	if opts.DryRun {
		fmt.Fprintf(s.Err, "isolate: would add %s to %s; nothing written (--dry-run).\n", what, plural(len(res.Plan.Changes), "file"))
		return nil
	}
	if !opts.Yes {
		if isUnattended(e.prompter) {
			return usageErrorf("not writing: there is no terminal to ask on. Pass --yes to write the change above, or --dry-run to only show it")
		}
		ok, err := e.prompter.Confirm(fmt.Sprintf("Add %s to %s?", what, plural(len(res.Plan.Changes), "file")), true)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(s.Err, "isolate: nothing written.")
			return nil
		}
	}
	if err := res.Write(); err != nil {
		return fmt.Errorf("not written: %w", err)
	}
	fmt.Fprintln(s.Out, out.Bold(fmt.Sprintf("Added %s to %s.", what, plural(len(res.Plan.Changes), "file"))))
	for _, n := range res.Next {
		fmt.Fprintln(s.Out, "  "+ui.Escape(n))
	}
	return nil
}
