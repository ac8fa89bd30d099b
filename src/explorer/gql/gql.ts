/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ExplorerEntityHead on Entity {\n    id\n    kind\n    name\n    degree\n  }\n": typeof types.ExplorerEntityHeadFragmentDoc,
    "\n  fragment ExplorerRelationshipDetail on Relationship {\n    id\n    type\n    basis\n    curation\n    sources\n    source {\n      id\n      kind\n      name\n    }\n    target {\n      id\n      kind\n      name\n    }\n    evidence {\n      id\n      quote\n      start\n      end\n      basis\n      confidence\n      document {\n        id\n        title\n      }\n    }\n  }\n": typeof types.ExplorerRelationshipDetailFragmentDoc,
    "\n  query ExplorerSearch($text: String!, $kinds: [EntityKind!], $first: Int!) {\n    search(query: $text, kinds: $kinds, first: $first) {\n      score\n      entity {\n        id\n        kind\n        name\n        aliases\n      }\n    }\n  }\n": typeof types.ExplorerSearchDocument,
    "\n  query ExplorerEntity($id: ID!, $first: Int!, $coMentions: Boolean!) {\n    entity(id: $id) {\n      __typename\n      ...ExplorerEntityHead\n      aliases\n      description\n      curation\n      sources\n      mentions(first: 0) {\n        totalCount\n      }\n      ... on Actor {\n        actorType\n        rank\n        role\n      }\n      ... on Unit {\n        echelon\n        branch\n      }\n      ... on Policy {\n        policyType\n        status\n      }\n      ... on Location {\n        locationType\n      }\n      ... on Event {\n        eventType\n        startDate\n        endDate\n        period\n      }\n      ... on Equipment {\n        equipmentType\n      }\n      relationships(first: $first, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...ExplorerRelationshipDetail\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExplorerEntityDocument,
    "\n  query ExplorerRelationshipsPage($id: ID!, $first: Int!, $after: String, $coMentions: Boolean!) {\n    entity(id: $id) {\n      id\n      relationships(first: $first, after: $after, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...ExplorerRelationshipDetail\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExplorerRelationshipsPageDocument,
    "\n  query ExplorerNeighbors($id: ID!, $first: Int!, $after: String, $kinds: [EntityKind!], $types: [RelationshipType!], $coMentions: Boolean!) {\n    entity(id: $id) {\n      id\n      neighbors(first: $first, after: $after, kinds: $kinds, types: $types, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          relationshipTypes\n          relationshipCount\n          node {\n            ...ExplorerEntityHead\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExplorerNeighborsDocument,
    "\n  query ExplorerEdgesAmong($ids: [ID!]!, $types: [RelationshipType!], $coMentions: Boolean!) {\n    subgraph(ids: $ids, depth: 0, types: $types, includeCoMentions: $coMentions, limit: 100) {\n      nodes {\n        ...ExplorerEntityHead\n      }\n      edges {\n        id\n        type\n        basis\n        curation\n        source {\n          id\n        }\n        target {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ExplorerEdgesAmongDocument,
    "\n  query ExplorerPaths($from: ID!, $to: ID!, $maxHops: Int!, $types: [RelationshipType!], $first: Int!) {\n    paths(fromId: $from, toId: $to, maxHops: $maxHops, types: $types, first: $first) {\n      length\n      nodes {\n        ...ExplorerEntityHead\n      }\n      hops {\n        forward\n        from {\n          id\n          kind\n          name\n        }\n        to {\n          id\n          kind\n          name\n        }\n        relationship {\n          ...ExplorerRelationshipDetail\n        }\n      }\n    }\n  }\n": typeof types.ExplorerPathsDocument,
    "\n  query ExplorerOverview($top: Int!) {\n    stats {\n      entityCount\n      relationshipCount\n      documentCount\n      mentionCount\n      entitiesByKind {\n        kind\n        count\n      }\n      relationshipsByType {\n        type\n        count\n      }\n      mostConnected(first: $top) {\n        degree\n        entity {\n          id\n          kind\n          name\n        }\n      }\n    }\n  }\n": typeof types.ExplorerOverviewDocument,
    "\n  query ExplorerDocuments($first: Int!, $after: String) {\n    documents(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          source\n          publishedAt\n          mentions(first: 0) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExplorerDocumentsDocument,
    "\n  query ExplorerDocument($id: ID!) {\n    document(id: $id) {\n      id\n      title\n      source\n      publishedAt\n      text\n    }\n  }\n": typeof types.ExplorerDocumentDocument,
    "\n  query ExplorerDocumentMentions($id: ID!, $first: Int!, $after: String) {\n    document(id: $id) {\n      id\n      mentions(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            start\n            end\n            entity {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExplorerDocumentMentionsDocument,
    "\n  mutation ExplorerAcceptRelationship($id: ID!) {\n    acceptRelationship(id: $id) {\n      id\n      curation\n    }\n  }\n": typeof types.ExplorerAcceptRelationshipDocument,
    "\n  mutation ExplorerRejectRelationship($id: ID!) {\n    rejectRelationship(id: $id) {\n      id\n      curation\n    }\n  }\n": typeof types.ExplorerRejectRelationshipDocument,
    "\n  mutation ExplorerMergeEntities($survivorId: ID!, $ids: [ID!]!) {\n    mergeEntities(survivorId: $survivorId, ids: $ids) {\n      ...ExplorerEntityHead\n    }\n  }\n": typeof types.ExplorerMergeEntitiesDocument,
};
const documents: Documents = {
    "\n  fragment ExplorerEntityHead on Entity {\n    id\n    kind\n    name\n    degree\n  }\n": types.ExplorerEntityHeadFragmentDoc,
    "\n  fragment ExplorerRelationshipDetail on Relationship {\n    id\n    type\n    basis\n    curation\n    sources\n    source {\n      id\n      kind\n      name\n    }\n    target {\n      id\n      kind\n      name\n    }\n    evidence {\n      id\n      quote\n      start\n      end\n      basis\n      confidence\n      document {\n        id\n        title\n      }\n    }\n  }\n": types.ExplorerRelationshipDetailFragmentDoc,
    "\n  query ExplorerSearch($text: String!, $kinds: [EntityKind!], $first: Int!) {\n    search(query: $text, kinds: $kinds, first: $first) {\n      score\n      entity {\n        id\n        kind\n        name\n        aliases\n      }\n    }\n  }\n": types.ExplorerSearchDocument,
    "\n  query ExplorerEntity($id: ID!, $first: Int!, $coMentions: Boolean!) {\n    entity(id: $id) {\n      __typename\n      ...ExplorerEntityHead\n      aliases\n      description\n      curation\n      sources\n      mentions(first: 0) {\n        totalCount\n      }\n      ... on Actor {\n        actorType\n        rank\n        role\n      }\n      ... on Unit {\n        echelon\n        branch\n      }\n      ... on Policy {\n        policyType\n        status\n      }\n      ... on Location {\n        locationType\n      }\n      ... on Event {\n        eventType\n        startDate\n        endDate\n        period\n      }\n      ... on Equipment {\n        equipmentType\n      }\n      relationships(first: $first, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...ExplorerRelationshipDetail\n          }\n        }\n      }\n    }\n  }\n": types.ExplorerEntityDocument,
    "\n  query ExplorerRelationshipsPage($id: ID!, $first: Int!, $after: String, $coMentions: Boolean!) {\n    entity(id: $id) {\n      id\n      relationships(first: $first, after: $after, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...ExplorerRelationshipDetail\n          }\n        }\n      }\n    }\n  }\n": types.ExplorerRelationshipsPageDocument,
    "\n  query ExplorerNeighbors($id: ID!, $first: Int!, $after: String, $kinds: [EntityKind!], $types: [RelationshipType!], $coMentions: Boolean!) {\n    entity(id: $id) {\n      id\n      neighbors(first: $first, after: $after, kinds: $kinds, types: $types, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          relationshipTypes\n          relationshipCount\n          node {\n            ...ExplorerEntityHead\n          }\n        }\n      }\n    }\n  }\n": types.ExplorerNeighborsDocument,
    "\n  query ExplorerEdgesAmong($ids: [ID!]!, $types: [RelationshipType!], $coMentions: Boolean!) {\n    subgraph(ids: $ids, depth: 0, types: $types, includeCoMentions: $coMentions, limit: 100) {\n      nodes {\n        ...ExplorerEntityHead\n      }\n      edges {\n        id\n        type\n        basis\n        curation\n        source {\n          id\n        }\n        target {\n          id\n        }\n      }\n    }\n  }\n": types.ExplorerEdgesAmongDocument,
    "\n  query ExplorerPaths($from: ID!, $to: ID!, $maxHops: Int!, $types: [RelationshipType!], $first: Int!) {\n    paths(fromId: $from, toId: $to, maxHops: $maxHops, types: $types, first: $first) {\n      length\n      nodes {\n        ...ExplorerEntityHead\n      }\n      hops {\n        forward\n        from {\n          id\n          kind\n          name\n        }\n        to {\n          id\n          kind\n          name\n        }\n        relationship {\n          ...ExplorerRelationshipDetail\n        }\n      }\n    }\n  }\n": types.ExplorerPathsDocument,
    "\n  query ExplorerOverview($top: Int!) {\n    stats {\n      entityCount\n      relationshipCount\n      documentCount\n      mentionCount\n      entitiesByKind {\n        kind\n        count\n      }\n      relationshipsByType {\n        type\n        count\n      }\n      mostConnected(first: $top) {\n        degree\n        entity {\n          id\n          kind\n          name\n        }\n      }\n    }\n  }\n": types.ExplorerOverviewDocument,
    "\n  query ExplorerDocuments($first: Int!, $after: String) {\n    documents(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          source\n          publishedAt\n          mentions(first: 0) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": types.ExplorerDocumentsDocument,
    "\n  query ExplorerDocument($id: ID!) {\n    document(id: $id) {\n      id\n      title\n      source\n      publishedAt\n      text\n    }\n  }\n": types.ExplorerDocumentDocument,
    "\n  query ExplorerDocumentMentions($id: ID!, $first: Int!, $after: String) {\n    document(id: $id) {\n      id\n      mentions(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            start\n            end\n            entity {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ExplorerDocumentMentionsDocument,
    "\n  mutation ExplorerAcceptRelationship($id: ID!) {\n    acceptRelationship(id: $id) {\n      id\n      curation\n    }\n  }\n": types.ExplorerAcceptRelationshipDocument,
    "\n  mutation ExplorerRejectRelationship($id: ID!) {\n    rejectRelationship(id: $id) {\n      id\n      curation\n    }\n  }\n": types.ExplorerRejectRelationshipDocument,
    "\n  mutation ExplorerMergeEntities($survivorId: ID!, $ids: [ID!]!) {\n    mergeEntities(survivorId: $survivorId, ids: $ids) {\n      ...ExplorerEntityHead\n    }\n  }\n": types.ExplorerMergeEntitiesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExplorerEntityHead on Entity {\n    id\n    kind\n    name\n    degree\n  }\n"): typeof import('./graphql.js').ExplorerEntityHeadFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExplorerRelationshipDetail on Relationship {\n    id\n    type\n    basis\n    curation\n    sources\n    source {\n      id\n      kind\n      name\n    }\n    target {\n      id\n      kind\n      name\n    }\n    evidence {\n      id\n      quote\n      start\n      end\n      basis\n      confidence\n      document {\n        id\n        title\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerRelationshipDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerSearch($text: String!, $kinds: [EntityKind!], $first: Int!) {\n    search(query: $text, kinds: $kinds, first: $first) {\n      score\n      entity {\n        id\n        kind\n        name\n        aliases\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerEntity($id: ID!, $first: Int!, $coMentions: Boolean!) {\n    entity(id: $id) {\n      __typename\n      ...ExplorerEntityHead\n      aliases\n      description\n      curation\n      sources\n      mentions(first: 0) {\n        totalCount\n      }\n      ... on Actor {\n        actorType\n        rank\n        role\n      }\n      ... on Unit {\n        echelon\n        branch\n      }\n      ... on Policy {\n        policyType\n        status\n      }\n      ... on Location {\n        locationType\n      }\n      ... on Event {\n        eventType\n        startDate\n        endDate\n        period\n      }\n      ... on Equipment {\n        equipmentType\n      }\n      relationships(first: $first, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...ExplorerRelationshipDetail\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerEntityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerRelationshipsPage($id: ID!, $first: Int!, $after: String, $coMentions: Boolean!) {\n    entity(id: $id) {\n      id\n      relationships(first: $first, after: $after, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...ExplorerRelationshipDetail\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerRelationshipsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerNeighbors($id: ID!, $first: Int!, $after: String, $kinds: [EntityKind!], $types: [RelationshipType!], $coMentions: Boolean!) {\n    entity(id: $id) {\n      id\n      neighbors(first: $first, after: $after, kinds: $kinds, types: $types, includeCoMentions: $coMentions) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          relationshipTypes\n          relationshipCount\n          node {\n            ...ExplorerEntityHead\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerNeighborsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerEdgesAmong($ids: [ID!]!, $types: [RelationshipType!], $coMentions: Boolean!) {\n    subgraph(ids: $ids, depth: 0, types: $types, includeCoMentions: $coMentions, limit: 100) {\n      nodes {\n        ...ExplorerEntityHead\n      }\n      edges {\n        id\n        type\n        basis\n        curation\n        source {\n          id\n        }\n        target {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerEdgesAmongDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerPaths($from: ID!, $to: ID!, $maxHops: Int!, $types: [RelationshipType!], $first: Int!) {\n    paths(fromId: $from, toId: $to, maxHops: $maxHops, types: $types, first: $first) {\n      length\n      nodes {\n        ...ExplorerEntityHead\n      }\n      hops {\n        forward\n        from {\n          id\n          kind\n          name\n        }\n        to {\n          id\n          kind\n          name\n        }\n        relationship {\n          ...ExplorerRelationshipDetail\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerPathsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerOverview($top: Int!) {\n    stats {\n      entityCount\n      relationshipCount\n      documentCount\n      mentionCount\n      entitiesByKind {\n        kind\n        count\n      }\n      relationshipsByType {\n        type\n        count\n      }\n      mostConnected(first: $top) {\n        degree\n        entity {\n          id\n          kind\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerDocuments($first: Int!, $after: String) {\n    documents(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          source\n          publishedAt\n          mentions(first: 0) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerDocumentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerDocument($id: ID!) {\n    document(id: $id) {\n      id\n      title\n      source\n      publishedAt\n      text\n    }\n  }\n"): typeof import('./graphql.js').ExplorerDocumentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerDocumentMentions($id: ID!, $first: Int!, $after: String) {\n    document(id: $id) {\n      id\n      mentions(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            start\n            end\n            entity {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplorerDocumentMentionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExplorerAcceptRelationship($id: ID!) {\n    acceptRelationship(id: $id) {\n      id\n      curation\n    }\n  }\n"): typeof import('./graphql.js').ExplorerAcceptRelationshipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExplorerRejectRelationship($id: ID!) {\n    rejectRelationship(id: $id) {\n      id\n      curation\n    }\n  }\n"): typeof import('./graphql.js').ExplorerRejectRelationshipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExplorerMergeEntities($survivorId: ID!, $ids: [ID!]!) {\n    mergeEntities(survivorId: $survivorId, ids: $ids) {\n      ...ExplorerEntityHead\n    }\n  }\n"): typeof import('./graphql.js').ExplorerMergeEntitiesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
