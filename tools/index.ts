import { addNoteTool } from './add-note.js';
import { blockIpTool } from './block-ip.js';
import { checkReferenceSetsTool } from './check-reference-sets.js';
import { disableUserTool } from './disable-user.js';
import { findOffensesTool } from './find-offenses.js';
import { getApprovalTool } from './get-approval.js';
import { getAssetsTool } from './get-assets.js';
import { getOffenseEventsTool } from './get-offense-events.js';
import { getOffenseTool } from './get-offense.js';
import { isolateHostTool } from './isolate-host.js';
import { listActionsTool } from './list-actions.js';
import { listOffensesTool } from './list-offenses.js';
import { rollbackActionTool } from './rollback-action.js';
import { runAqlTool } from './run-aql.js';
import type { ToolDefinition } from './tool.js';
import { updateOffenseTool } from './update-offense.js';

export {
  toolSettingsDefaults,
  type ProgressUpdate,
  type ToolContext,
  type ToolSettings,
} from './context.js';
export {
  agentNoteMarker,
  buildAgentNote,
  maxNoteTextLength,
} from './add-note.js';
export {
  defineTool,
  type EffectClass,
  type ToolAnnotations,
  type ToolDefinition,
} from './tool.js';
export { ToolError, type ToolErrorCode } from './tool-error.js';

/** Every MCP tool, in the order tools/list returns them. */
export const tools: readonly ToolDefinition[] = [
  listOffensesTool,
  findOffensesTool,
  getOffenseTool,
  getOffenseEventsTool,
  getAssetsTool,
  checkReferenceSetsTool,
  runAqlTool,
  addNoteTool,
  updateOffenseTool,
  blockIpTool,
  isolateHostTool,
  disableUserTool,
  getApprovalTool,
  listActionsTool,
  rollbackActionTool,
];
