export { buildApprovalMessage } from './approval-message.js';
export {
  clientMayApprove,
  createChatApproval,
  defaultElicitationTimeoutMs,
  type ChatApproval,
  type ChatApprovalOptions,
} from './chat-approval.js';
