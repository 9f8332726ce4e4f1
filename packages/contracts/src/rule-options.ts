// The names behind the ids a rule stores (GET /api/segments/rule-options): the rule editor's pickers show these
// names and store the ids, so an operator never types or reads a tag id, a channel state or a WeCom userid.
import { Type, type Static } from '@sinclair/typebox';

const Option = <T extends Record<string, ReturnType<typeof Type.String>>>(props: T) => Type.Array(Type.Object(props));

export const RuleOptionsSchema = Type.Object({
  /** Tags with their group's name (the picker shows "group / tag"). */
  tags: Option({ id: Type.String(), name: Type.String(), groupName: Type.String() }),
  /** Channel codes by the state their adds carry. */
  channels: Option({ state: Type.String(), name: Type.String() }),
  /** Staff with the names of their departments, joined by " / ". */
  staff: Option({ userid: Type.String(), name: Type.String(), department: Type.String() }),
  /** Customer groups (客户群) by chat id. */
  groups: Option({ chatId: Type.String(), name: Type.String() }),
  /** Event types recorded for this corp's customers (timeline types and tracked behaviour), in name order. */
  eventTypes: Type.Array(Type.String()),
});
export type RuleOptions = Static<typeof RuleOptionsSchema>;
